using Platform.Grpc;
using Platform.Identity.Keys;
using Platform.Identity.Users;

namespace Platform.Identity.Grpc;

/// <summary>The status each domain refusal is answered with; the stores' messages already say what to do.</summary>
internal static class DomainErrors
{
    public static async Task<T> Translate<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception exception) when (exception is UserNotFoundException or ApiKeyNotFoundException)
        {
            throw new RpcException(StatusCode.NotFound, exception.Message);
        }
        catch (Exception exception) when (exception is EmailTakenException or SpendRequestReusedException)
        {
            throw new RpcException(StatusCode.AlreadyExists, exception.Message);
        }
        catch (UserDisabledException exception)
        {
            throw new RpcException(StatusCode.FailedPrecondition, exception.Message);
        }
        catch (LedgerUnavailableException exception)
        {
            throw new RpcException(StatusCode.Unavailable, exception.Message);
        }
    }
}
