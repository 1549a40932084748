using System.Globalization;
using Platform.Grpc;
using Platform.Ledger.Recharges;

namespace Platform.Ledger.Grpc;

/// <summary>Checks and converts ledger.v1.LedgerBilling request fields; every refusal is INVALID_ARGUMENT saying what to fix.</summary>
internal static class BillingRequests
{
    public const int DefaultPageSize = 20;
    private const int MaxPageSize = 100;

    public static Guid Id(string value, string field) =>
        Guid.TryParse(value, out var id) ? id : throw LedgerRequests.Invalid($"{field} '{value}' is not a UUID");

    public static RechargeAmount Amount(string amount, string currency)
    {
        var code = RechargeAmount.ParseCurrency(currency)
            ?? throw LedgerRequests.Invalid($"currency '{currency}' is not supported; use CNY or USD");
        if (!decimal.TryParse(amount, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            || value <= 0 || value > RechargeAmount.Maximum || decimal.Round(value, 2) != value)
        {
            throw LedgerRequests.Invalid(
                $"amount '{amount}' must be a decimal number above 0 and at most {RechargeAmount.Maximum} with at most two decimals, e.g. \"20\" or \"2.72\"");
        }
        return new RechargeAmount(value, code);
    }

    public static int PageSize(int pageSize) => pageSize switch
    {
        0 => DefaultPageSize,
        > 0 and <= MaxPageSize => pageSize,
        _ => throw LedgerRequests.Invalid($"page_size must be 1 to {MaxPageSize} (0 for {DefaultPageSize}), not {pageSize}"),
    };

    public static Guid? PageToken(string token) =>
        token.Length == 0 ? null
        : Guid.TryParse(token, out var after) ? after
        : throw LedgerRequests.Invalid($"page_token '{token}' is not one this API returned; pass next_page_token unchanged");
}
