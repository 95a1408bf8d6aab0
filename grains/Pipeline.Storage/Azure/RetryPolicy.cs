using System.Net;

namespace Pipeline.Storage.Azure;

/// <summary>
/// Which failures are transient, and how long to wait before the next attempt: exponential backoff
/// delay = min(max, base × 2^attempt) scaled by a random factor in [0.5, 1) ("equal jitter"), or the
/// server's Retry-After if larger (still capped by <see cref="BlobStoreOptions.RetryMaxDelay"/>).
/// </summary>
internal static class RetryPolicy
{
    /// <summary>408, 429, 500, 502, 503, 504.</summary>
    public static bool IsRetryableStatus(HttpStatusCode status) => (int)status is 408 or 429 or 500 or 502 or 503 or 504;

    /// <summary>
    /// Connection failures (<see cref="HttpRequestException"/> except TLS/authentication errors), broken
    /// response streams (<see cref="IOException"/> other than this library's own outcomes), and attempt
    /// timeouts (cancellation not requested by the caller's token).
    /// </summary>
    public static bool IsTransient(Exception ex, CancellationToken callerToken) => ex switch
    {
        ObjectNotFoundException or ObjectConflictException or AzureBlobRequestException => false,
        HttpRequestException h => h.HttpRequestError is not (HttpRequestError.SecureConnectionError or HttpRequestError.UserAuthenticationError
                                                                or HttpRequestError.ConfigurationLimitExceeded),
        IOException or TimeoutException or System.Net.Sockets.SocketException => true,
        OperationCanceledException => !callerToken.IsCancellationRequested,
        _ => false,
    };

    /// <summary>The delay before retry number <paramref name="attempt"/> + 1 (attempt counts from 0).</summary>
    public static TimeSpan Backoff(int attempt, BlobStoreOptions options, TimeSpan? retryAfter)
    {
        double baseMs = options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 30));
        double capped = Math.Min(baseMs, options.RetryMaxDelay.TotalMilliseconds);
        double delay = capped * (0.5 + Random.Shared.NextDouble() * 0.5);
        if (retryAfter is { } ra) delay = Math.Max(delay, Math.Min(ra.TotalMilliseconds, options.RetryMaxDelay.TotalMilliseconds));
        return TimeSpan.FromMilliseconds(delay);
    }

    /// <summary>The Retry-After of a throttling/unavailable response, if any.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var ra = response.Headers.RetryAfter;
        if (ra is null) return null;
        if (ra.Delta is { } d) return d;
        if (ra.Date is { } date) return date - DateTimeOffset.UtcNow;
        return null;
    }
}
