using System.Security.Cryptography;
using System.Text.Json;
using Platform.EdgeRelay.Auth;
using Platform.EdgeRelay.Channels;
using Platform.EdgeRelay.Channels.Admin;
using Platform.EdgeRelay.Channels.Health;
using Platform.EdgeRelay.Channels.Storage;
using Platform.EdgeRelay.Errors;

// Like EdgeApis: in Microsoft.AspNetCore.Builder so that EdgeApis maps it without a using.
namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// <c>/admin/v1/channels</c>, for operators: create, list, read, change, delete and test upstream channels. Keys go in
/// and never come out (answers show their last four characters); every change reaches every replica through
/// <c>ChannelChanged</c>; the replica that made a change reloads before it answers, so its answer and its next calls see it.
/// </summary>
internal static class ChannelsApi
{
    private const long MaxBodyBytes = 1024 * 1024;

    public static IEndpointRouteBuilder MapChannelsApi(this IEndpointRouteBuilder app)
    {
        var channels = app.MapGroup("/admin/v1/channels").RequireOperator().WithTags("Channels");
        channels.MapPost("/", CreateAsync).WithName("CreateChannel");
        channels.MapGet("/", ListAsync).WithName("ListChannels");
        channels.MapGet("/{id:guid}", GetAsync).WithName("GetChannel");
        channels.MapPatch("/{id:guid}", UpdateAsync).WithName("UpdateChannel");
        channels.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteChannel");
        channels.MapPost("/{id:guid}/test", TestAsync).WithName("TestChannel");
        return app;
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, ChannelStore store, ChannelDirectory directory, ChannelHealth health, CancellationToken cancellationToken)
    {
        try
        {
            var patch = await ReadAsync(request, cancellationToken);
            var settings = ChannelSettings.Create(patch);
            var keys = ChannelSettings.ValidKeys(patch.Keys.IsSet ? patch.Keys.Value : throw new ChannelValidationException("keys is required", "keys"));
            var channel = await store.CreateAsync(settings, keys, cancellationToken);
            await directory.ReloadAsync(cancellationToken);
            return TypedResults.Created($"/admin/v1/channels/{channel.Id}", ChannelView.From(channel, directory, health));
        }
        catch (Exception exception) when (Refusal(exception) is { } refusal)
        {
            return refusal;
        }
    }

    private static async Task<IResult> ListAsync(ChannelStore store, ChannelDirectory directory, ChannelHealth health, CancellationToken cancellationToken) =>
        TypedResults.Ok(new ChannelListView((await store.ListAsync(cancellationToken)).Select(channel => ChannelView.From(channel, directory, health)).ToList()));

    private static async Task<IResult> GetAsync(Guid id, ChannelStore store, ChannelDirectory directory, ChannelHealth health, CancellationToken cancellationToken) =>
        await store.GetAsync(id, cancellationToken) is { } channel ? TypedResults.Ok(ChannelView.From(channel, directory, health)) : NotFound(id);

    private static async Task<IResult> UpdateAsync(Guid id, HttpRequest request, ChannelStore store, ChannelDirectory directory, ChannelHealth health, CancellationToken cancellationToken)
    {
        try
        {
            if (await store.UpdateAsync(id, await ReadAsync(request, cancellationToken), cancellationToken) is not { } channel)
            {
                return NotFound(id);
            }
            await directory.ReloadAsync(cancellationToken);
            return TypedResults.Ok(ChannelView.From(channel, directory, health));
        }
        catch (Exception exception) when (Refusal(exception) is { } refusal)
        {
            return refusal;
        }
    }

    private static async Task<IResult> DeleteAsync(Guid id, ChannelStore store, ChannelDirectory directory, CancellationToken cancellationToken)
    {
        if (!await store.DeleteAsync(id, cancellationToken))
        {
            return NotFound(id);
        }
        await directory.ReloadAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>
    /// Checks the channel now (its model list, with each key) and counts the outcome like a relayed call's: failures
    /// move it toward its breaker and auto-disabling; a success re-enables a channel the monitor had disabled.
    /// </summary>
    private static async Task<IResult> TestAsync(Guid id, ChannelStore store, ChannelCheck check, ChannelDirectory directory, ChannelHealth health, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(id, cancellationToken) is not { } channel)
        {
            return NotFound(id);
        }
        ChannelCheckResult result;
        try
        {
            result = await check.RunAsync(channel, cancellationToken);
        }
        catch (Exception exception) when (Refusal(exception) is { } refusal)
        {
            return refusal;
        }
        if (result.Failure is { } failure)
        {
            health.ReportFailure(id, failure);
        }
        else
        {
            health.ReportSuccess(id);
            if (channel.DisabledBy == DisabledBy.Auto && await store.AutoEnableAsync(id, cancellationToken))
            {
                await directory.ReloadAsync(cancellationToken);
            }
        }
        var now = await store.GetAsync(id, cancellationToken) ?? channel;
        return TypedResults.Ok(new ChannelTestView(result.Ok, result.Failure, result.Status, result.Error,
            (long)result.Elapsed.TotalMilliseconds, ChannelView.From(now, directory, health)));
    }

    private static async Task<ChannelPatch> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            throw new ChannelValidationException($"the body is larger than {MaxBodyBytes / 1024} KB", "body");
        }
        try
        {
            using var body = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
            return ChannelRequestReader.Read(body.RootElement);
        }
        catch (JsonException exception)
        {
            throw new ChannelValidationException($"the body is not valid JSON: {exception.Message}", "body");
        }
    }

    private static IResult? Refusal(Exception exception) => exception switch
    {
        ChannelValidationException invalid => OpenAiError.BadRequest(invalid.Message, invalid.Param, "invalid_channel"),
        ChannelNameTakenException taken => OpenAiError.Create(StatusCodes.Status409Conflict, taken.Message, "invalid_request_error", "name", "channel_name_taken"),
        EncryptionKeyUnavailableException unavailable => OpenAiError.Create(StatusCodes.Status500InternalServerError, unavailable.Message, "server_error", null, "encryption_key_unavailable"),
        CryptographicException => OpenAiError.Create(StatusCodes.Status500InternalServerError,
            "the channel's keys cannot be decrypted with this edge's encryption key (was Edge__EncryptionKey changed?); set its keys again with PATCH", "server_error", null, "channel_keys_unreadable"),
        _ => null,
    };

    private static IResult NotFound(Guid id) =>
        OpenAiError.NotFound($"there is no channel {id}; list them with GET /admin/v1/channels", code: "channel_not_found");
}
