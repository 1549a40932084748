namespace Platform.Identity.Keys;

/// <summary>A new value for a nullable setting, so that "set to none" (a Replacement of null) differs from "unchanged" (no Replacement).</summary>
internal readonly record struct Replacement<T>(T Value);
