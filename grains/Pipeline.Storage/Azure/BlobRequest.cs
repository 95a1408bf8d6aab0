using System.Globalization;

namespace Pipeline.Storage.Azure;

/// <summary>
/// One Blob REST call, described independently of <see cref="HttpRequestMessage"/> so the same values are
/// both sent and signed: method, escaped path, raw query parameters, x-ms-* headers, the standard headers
/// that take part in Shared Key signing, and an optional body. <see cref="Build"/> makes a fresh, freshly
/// dated and signed message for every attempt.
/// </summary>
internal sealed class BlobRequest(HttpMethod method, string escapedPath)
{
    /// <summary>The REST API version sent as x-ms-version.</summary>
    public const string ApiVersion = "2023-11-03";

    public HttpMethod Method { get; } = method;

    /// <summary>Escaped path after the endpoint's own path, starting with '/': <c>/container/a%20b/c.parquet</c>.</summary>
    public string EscapedPath { get; } = escapedPath;

    /// <summary>Query parameters with unescaped values (escaped when the URL is built).</summary>
    public List<KeyValuePair<string, string>> Query { get; } = [];

    /// <summary>x-ms-* headers (lower-case names); x-ms-date and x-ms-version are added by <see cref="Build"/>.</summary>
    public List<KeyValuePair<string, string>> MsHeaders { get; } = [];

    public string? IfMatch { get; set; }
    public string? IfNoneMatch { get; set; }
    public string? ContentMd5 { get; set; }
    public string? ContentType { get; set; }

    /// <summary>Request body; null sends none (GET, HEAD, DELETE).</summary>
    public ReadOnlyMemory<byte>? Body { get; set; }

    public BlobRequest WithQuery(string name, string value) { Query.Add(new(name, value)); return this; }
    public BlobRequest WithHeader(string name, string value) { MsHeaders.Add(new(name, value)); return this; }

    /// <summary>A new signed request message for <paramref name="credentials"/> dated <paramref name="now"/>.</summary>
    public HttpRequestMessage Build(AzureCredentials credentials, DateTimeOffset now)
    {
        var endpoint = credentials.BlobEndpoint;
        var url = new System.Text.StringBuilder(256);
        url.Append(endpoint.Scheme).Append("://").Append(endpoint.Authority).Append(endpoint.AbsolutePath.TrimEnd('/')).Append(EscapedPath);
        char sep = '?';
        foreach (var (name, value) in Query)
        {
            url.Append(sep).Append(name).Append('=').Append(Uri.EscapeDataString(value));
            sep = '&';
        }
        if (credentials.Kind == AzureCredentialKind.Sas) url.Append(sep).Append(credentials.SasToken);

        var uri = new Uri(url.ToString());
        var message = new HttpRequestMessage(Method, uri) { Version = System.Net.HttpVersion.Version11 };
        var headers = new List<KeyValuePair<string, string>>(MsHeaders.Count + 2);
        headers.AddRange(MsHeaders);
        headers.Add(new("x-ms-date", now.UtcDateTime.ToString("R", CultureInfo.InvariantCulture)));
        headers.Add(new("x-ms-version", ApiVersion));
        foreach (var (name, value) in headers) message.Headers.TryAddWithoutValidation(name, value);
        if (IfMatch is not null) message.Headers.TryAddWithoutValidation("If-Match", IfMatch);
        if (IfNoneMatch is not null) message.Headers.TryAddWithoutValidation("If-None-Match", IfNoneMatch);

        long contentLength = 0;
        if (Body is { } body)
        {
            var content = new ReadOnlyMemoryContent(body);
            content.Headers.ContentLength = body.Length;
            if (ContentMd5 is not null) content.Headers.TryAddWithoutValidation("Content-MD5", ContentMd5);
            if (ContentType is not null) content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            message.Content = content;
            contentLength = body.Length;
        }

        if (credentials.Kind == AzureCredentialKind.SharedKey)
        {
            var stringToSign = SharedKeySigner.StringToSign(Method.Method, contentLength, ContentMd5, ContentType, IfMatch, IfNoneMatch,
                headers, credentials.AccountName, uri.AbsolutePath, Query);
            message.Headers.TryAddWithoutValidation("Authorization", $"SharedKey {credentials.AccountName}:{SharedKeySigner.Sign(stringToSign, credentials.Key)}");
        }
        return message;
    }
}
