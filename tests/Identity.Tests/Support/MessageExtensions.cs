namespace Platform.Identity.Tests.Support;

internal static class MessageExtensions
{
    /// <summary>The message after <paramref name="change"/>, for building request variants inline.</summary>
    public static T With<T>(this T message, Action<T> change)
    {
        change(message);
        return message;
    }
}
