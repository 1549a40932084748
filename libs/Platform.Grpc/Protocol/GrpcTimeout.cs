using System.Globalization;

namespace Platform.Grpc.Protocol;

/// <summary>The <c>grpc-timeout</c> header: at most 8 digits and a unit (H M S m u n).</summary>
internal static class GrpcTimeout
{
    private const long MaxValue = 99_999_999;

    public static bool TryParse(string? header, out TimeSpan timeout)
    {
        timeout = default;
        if (header is null || header.Length is < 2 or > 9)
        {
            return false;
        }
        var digits = header.AsSpan(0, header.Length - 1);
        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }
        var value = long.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
        long? ticksPerUnit = header[^1] switch
        {
            'H' => TimeSpan.TicksPerHour,
            'M' => TimeSpan.TicksPerMinute,
            'S' => TimeSpan.TicksPerSecond,
            'm' => TimeSpan.TicksPerMillisecond,
            'u' => TimeSpan.TicksPerMicrosecond,
            'n' => null,
            _ => -1,
        };
        if (ticksPerUnit is -1)
        {
            return false;
        }
        // 99,999,999 hours is still far below TimeSpan.MaxValue, so no overflow here.
        timeout = ticksPerUnit is { } perUnit
            ? TimeSpan.FromTicks(value * perUnit)
            : TimeSpan.FromTicks((value + 99) / 100);
        return true;
    }

    /// <summary>Formats with the finest unit that fits in 8 digits, rounding up so a short timeout never becomes 0.</summary>
    public static string Format(TimeSpan timeout)
    {
        var ticks = Math.Max(timeout.Ticks, 1);
        if (Fits(ticks, TimeSpan.TicksPerMicrosecond, out var value))
        {
            return Create(value, 'u');
        }
        if (Fits(ticks, TimeSpan.TicksPerMillisecond, out value))
        {
            return Create(value, 'm');
        }
        if (Fits(ticks, TimeSpan.TicksPerSecond, out value))
        {
            return Create(value, 'S');
        }
        if (Fits(ticks, TimeSpan.TicksPerMinute, out value))
        {
            return Create(value, 'M');
        }
        return Create(Math.Min(CeilingDivide(ticks, TimeSpan.TicksPerHour), MaxValue), 'H');
    }

    private static bool Fits(long ticks, long ticksPerUnit, out long value)
    {
        value = CeilingDivide(ticks, ticksPerUnit);
        return value <= MaxValue;
    }

    private static long CeilingDivide(long ticks, long ticksPerUnit) => (ticks + ticksPerUnit - 1) / ticksPerUnit;

    private static string Create(long value, char unit) => string.Create(CultureInfo.InvariantCulture, $"{value}{unit}");
}
