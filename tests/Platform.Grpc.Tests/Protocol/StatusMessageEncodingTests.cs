using Platform.Grpc.Protocol;

namespace Platform.Grpc.Tests.Protocol;

public sealed class StatusMessageEncodingTests
{
    [Theory]
    [InlineData("plain ASCII stays as it is", "plain ASCII stays as it is")]
    [InlineData("100%", "100%25")]
    [InlineData("line\nbreak", "line%0Abreak")]
    [InlineData("é", "%C3%A9")]
    [InlineData("✓", "%E2%9C%93")]
    public void Encode_PercentEncodesUtf8BytesOutsidePrintableAsciiAndPercent(string message, string encoded) =>
        Assert.Equal(encoded, StatusMessageEncoding.Encode(message));

    [Theory]
    [InlineData("quota 100% used: réessayez – 再試行 ✓ 😀")]
    [InlineData("%%%")]
    [InlineData("")]
    public void Decode_ReversesEncode(string message) =>
        Assert.Equal(message, StatusMessageEncoding.Decode(StatusMessageEncoding.Encode(message)));

    [Theory]
    [InlineData("50%", "50%")]
    [InlineData("%zz here", "%zz here")]
    [InlineData("%4", "%4")]
    [InlineData("%C3%A9 ok", "é ok")]
    [InlineData("raw é", "raw é")]
    public void Decode_KeepsBrokenSequencesInsteadOfFailing(string value, string decoded) =>
        Assert.Equal(decoded, StatusMessageEncoding.Decode(value));
}
