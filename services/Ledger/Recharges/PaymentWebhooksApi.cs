using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Platform.Ledger.Recharges;

/// <summary><c>POST /webhooks/payments/{provider}</c>: a provider's signed word that an order was paid or failed.</summary>
internal static class PaymentWebhooksApi
{
    private const int MaxBodyBytes = 64 * 1024;

    public static IEndpointRouteBuilder MapPaymentWebhooksApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/webhooks/payments/{provider}", HandleAsync).WithName("PaymentWebhook").WithTags("Payments");
        return app;
    }

    private static async Task<Results<Ok, UnauthorizedHttpResult, NotFound<ProblemDetails>, BadRequest<ProblemDetails>, UnprocessableEntity<ProblemDetails>>>
        HandleAsync(string provider, HttpRequest request, [FromServices] IEnumerable<IPaymentProvider> providers, RechargeStore recharges,
            ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var payments = providers.FirstOrDefault(p => p.Name == provider);
        if (payments is null)
        {
            return Problem<NotFound<ProblemDetails>>(TypedResults.NotFound, $"no payment provider is named '{provider}'");
        }
        if (request.ContentLength > MaxBodyBytes)
        {
            return Problem<BadRequest<ProblemDetails>>(TypedResults.BadRequest, $"a webhook body is at most {MaxBodyBytes} bytes");
        }
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        var body = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);

        if (!payments.IsSigned(body, request.Headers))
        {
            loggers.CreateLogger(typeof(PaymentWebhooksApi)).LogWarning(
                "Refused a {Provider} payment webhook from {RemoteIp}: its signature does not match the body", provider, request.HttpContext.Connection.RemoteIpAddress);
            return TypedResults.Unauthorized();
        }
        if (payments.Read(body) is not { } notification)
        {
            return Problem<BadRequest<ProblemDetails>>(TypedResults.BadRequest, "the signed body is not a payment notification of this provider");
        }

        return await recharges.ApplyAsync(provider, notification, cancellationToken) switch
        {
            PaymentOutcome.UnknownOrder => Problem<NotFound<ProblemDetails>>(TypedResults.NotFound, $"order {notification.OrderId} does not exist"),
            PaymentOutcome.Mismatch => Problem<UnprocessableEntity<ProblemDetails>>(TypedResults.UnprocessableEntity,
                $"the reference, amount or currency differ from order {notification.OrderId}'s; nothing was credited"),
            _ => TypedResults.Ok(),
        };
    }

    private static T Problem<T>(Func<ProblemDetails, T> result, string detail) => result(new ProblemDetails { Detail = detail });
}
