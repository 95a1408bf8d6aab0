using System.Net;

namespace Pipeline.Storage.Azure;

/// <summary>
/// Sends <see cref="BlobRequest"/>s for one store: signs each attempt afresh, applies the per-attempt
/// timeout, retries transient failures (<see cref="RetryPolicy"/>) with backoff, and turns failures into
/// exceptions whose messages carry no secrets (<see cref="AzureCredentials.Redact"/>).
/// </summary>
internal sealed class BlobRestClient(AzureCredentials credentials, BlobStoreOptions options, BlobStoreStatistics statistics, string displayUri)
{
    public AzureCredentials Credentials { get; } = credentials;
    public BlobStoreOptions Options { get; } = options;
    public BlobStoreStatistics Statistics { get; } = statistics;
    public string DisplayUri { get; } = displayUri;

    /// <summary>
    /// Sends <paramref name="request"/> until a response arrives that is not a retryable status (or the
    /// retries are used up), then lets <paramref name="handle"/> interpret it. <paramref name="handle"/>
    /// receives the attempt number (0 = first; greater means an earlier attempt failed and may still have
    /// been applied) and the attempt's token; it disposes the response unless it returns it. A transient
    /// exception thrown by <paramref name="handle"/> (e.g. a body that breaks mid-read) is retried as well.
    /// </summary>
    public async Task<T> SendAsync<T>(BlobRequest request, string operation, string? objectName,
        Func<HttpResponseMessage, int, CancellationToken, Task<T>> handle, CancellationToken ct)
    {
        for (int attempt = 0; ; attempt++)
        {
            HttpResponseMessage? response = null;
            TimeSpan? retryAfter = null;
            using (var attemptCts = CancellationTokenSource.CreateLinkedTokenSource(ct))
            {
                attemptCts.CancelAfter(Options.RequestTimeout);
                try
                {
                    Statistics.Request();
                    using (var message = request.Build(Credentials, DateTimeOffset.UtcNow))
                        response = await BlobHttp.Client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, attemptCts.Token).ConfigureAwait(false);
                    if (RetryPolicy.IsRetryableStatus(response.StatusCode) && attempt < Options.MaxRetries)
                    {
                        retryAfter = RetryPolicy.RetryAfter(response);
                        response.Dispose();
                    }
                    else
                    {
                        var owned = response;
                        response = null;
                        try { return await handle(owned, attempt, attemptCts.Token).ConfigureAwait(false); }
                        catch { owned.Dispose(); throw; }
                    }
                }
                catch (Exception ex) when (RetryPolicy.IsTransient(ex, ct))
                {
                    response?.Dispose();
                    if (attempt >= Options.MaxRetries)
                        throw Failure(operation, objectName, null, null, $"gave up after {attempt + 1} attempts; last failure: {Describe(ex)}", ex);
                }
                catch (HttpRequestException ex)
                {
                    // Not transient (TLS handshake refused, authentication): fail at once, naming the cause
                    // (e.g. "UntrustedRoot") rather than "see inner exception".
                    response?.Dispose();
                    throw Failure(operation, objectName, null, null, Describe(ex), ex);
                }
                catch
                {
                    response?.Dispose();
                    throw;
                }
            }
            Statistics.Retry();
            await Task.Delay(RetryPolicy.Backoff(attempt, Options, retryAfter), ct).ConfigureAwait(false);
        }
    }

    /// <summary>An exception for an unexpected status of <paramref name="response"/> (status, error code, request id; no body).</summary>
    public AzureBlobRequestException Failure(HttpResponseMessage response, string operation, string? objectName)
    {
        var code = ErrorCode(response);
        var requestId = response.Headers.TryGetValues("x-ms-request-id", out var ids) ? ids.FirstOrDefault() : null;
        var detail = $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}" + (code is null ? "" : $", error code {code}") + (requestId is null ? "" : $", request id {requestId}");
        return Failure(operation, objectName, (int)response.StatusCode, code, detail, null);
    }

    /// <summary>An exception with a redacted message naming the operation, object and store.</summary>
    public AzureBlobRequestException Failure(string operation, string? objectName, int? status, string? code, string detail, Exception? inner)
    {
        var what = objectName is null ? "" : $" of '{objectName}'";
        var message = Credentials.Redact($"Azure Blob {operation}{what} in {DisplayUri} failed: {detail}.");
        return new AzureBlobRequestException(message, operation, status, code, inner is null ? null : new SanitizedException(Credentials.Redact(Describe(inner))));
    }

    /// <summary>The service error code (x-ms-error-code header), if any.</summary>
    public static string? ErrorCode(HttpResponseMessage response) =>
        response.Headers.TryGetValues("x-ms-error-code", out var codes) ? codes.FirstOrDefault() : null;

    /// <summary>True for 404 with error code ContainerNotFound.</summary>
    public static bool IsContainerNotFound(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.NotFound && ErrorCode(response) == "ContainerNotFound";

    private static string Describe(Exception ex)
    {
        var text = $"{ex.GetType().Name}: {ex.Message}";
        for (var inner = ex.InnerException; inner is not null; inner = inner.InnerException) text += $" ---> {inner.GetType().Name}: {inner.Message}";
        return text;
    }

    /// <summary>Stands in for a transport exception: its type names and messages only, already redacted.</summary>
    private sealed class SanitizedException(string message) : Exception(message);
}
