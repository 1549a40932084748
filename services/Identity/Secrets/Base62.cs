namespace Platform.Identity.Secrets;

/// <summary>The digits of every secret: 0-9, A-Z, a-z, safe in headers, URLs and a double-click selection.</summary>
internal static class Base62
{
    public const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /// <summary>The digit's value, or -1 for any other character.</summary>
    public static int ValueOf(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'A' and <= 'Z' => c - 'A' + 10,
        >= 'a' and <= 'z' => c - 'a' + 36,
        _ => -1,
    };

    /// <summary>Writes <paramref name="value"/> into all of <paramref name="destination"/>, most significant digit first, zero-padded.</summary>
    public static void Encode(ulong value, Span<char> destination)
    {
        for (var i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = Alphabet[(int)(value % 62)];
            value /= 62;
        }
    }

    /// <summary>The value of a fixed-width number; false when a character is not a digit.</summary>
    public static bool TryDecode(ReadOnlySpan<char> digits, out ulong value)
    {
        value = 0;
        foreach (var c in digits)
        {
            var digit = ValueOf(c);
            if (digit < 0)
            {
                return false;
            }
            value = value * 62 + (ulong)digit;
        }
        return true;
    }
}
