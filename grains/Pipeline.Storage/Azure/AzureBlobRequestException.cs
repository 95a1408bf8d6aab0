namespace Pipeline.Storage.Azure;

/// <summary>
/// A Blob service request failed for a reason other than "not found" or "condition not met": an error
/// status (after retries, if transient), or transient failures that outlasted every retry. The message
/// names the operation, object, store location, HTTP status, service error code and request id; never a
/// URL query string, account key or SAS signature.
/// </summary>
public sealed class AzureBlobRequestException : IOException
{
    internal AzureBlobRequestException(string message, string operation, int? statusCode, string? errorCode, Exception? inner = null)
        : base(message, inner)
    {
        Operation = operation;
        StatusCode = statusCode;
        ErrorCode = errorCode;
    }

    /// <summary>The REST operation, e.g. "Put Block List".</summary>
    public string Operation { get; }

    /// <summary>HTTP status of the last response, or null if none arrived (connection failure, timeout).</summary>
    public int? StatusCode { get; }

    /// <summary>The service's x-ms-error-code (e.g. "AuthenticationFailed"), if any.</summary>
    public string? ErrorCode { get; }
}
