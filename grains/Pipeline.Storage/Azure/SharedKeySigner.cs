using System.Security.Cryptography;
using System.Text;

namespace Pipeline.Storage.Azure;

/// <summary>
/// Shared Key authorization for the Blob service (version 2009-09-19 and later):
/// <c>Authorization: SharedKey account:Base64(HMAC-SHA256(key, UTF8(StringToSign)))</c> with
/// StringToSign = VERB \n Content-Encoding \n Content-Language \n Content-Length (empty when 0) \n
/// Content-MD5 \n Content-Type \n Date \n If-Modified-Since \n If-Match \n If-None-Match \n
/// If-Unmodified-Since \n Range \n CanonicalizedHeaders CanonicalizedResource, where
/// CanonicalizedHeaders is every <c>x-ms-*</c> header as "name:value\n" (lower-case names, sorted) and
/// CanonicalizedResource is "/account/escaped-path" followed by "\nname:value" for every query parameter
/// (lower-case names, sorted, values unescaped). Reference: "Authorize with Shared Key",
/// https://learn.microsoft.com/rest/api/storageservices/authorize-with-shared-key.
/// We send x-ms-date (so Date is empty) and x-ms-range (so Range is empty).
/// </summary>
internal static class SharedKeySigner
{
    /// <summary>Builds the string to sign of one request.</summary>
    public static string StringToSign(string verb, long contentLength, string? contentMd5, string? contentType, string? ifMatch, string? ifNoneMatch,
        List<KeyValuePair<string, string>> msHeaders, string accountName, string escapedAbsolutePath, List<KeyValuePair<string, string>> query)
    {
        var sb = new StringBuilder(512);
        sb.Append(verb).Append('\n')
          .Append('\n')                                                   // Content-Encoding
          .Append('\n')                                                   // Content-Language
          .Append(contentLength > 0 ? contentLength.ToString(System.Globalization.CultureInfo.InvariantCulture) : "").Append('\n')
          .Append(contentMd5).Append('\n')
          .Append(contentType).Append('\n')
          .Append('\n')                                                   // Date (x-ms-date is used)
          .Append('\n')                                                   // If-Modified-Since
          .Append(ifMatch).Append('\n')
          .Append(ifNoneMatch).Append('\n')
          .Append('\n')                                                   // If-Unmodified-Since
          .Append('\n');                                                  // Range (x-ms-range is used)

        var headers = new List<KeyValuePair<string, string>>(msHeaders.Count);
        foreach (var (name, value) in msHeaders) headers.Add(new(name.ToLowerInvariant(), value.Trim()));
        headers.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        foreach (var (name, value) in headers) sb.Append(name).Append(':').Append(value).Append('\n');

        sb.Append('/').Append(accountName).Append(escapedAbsolutePath.Length == 0 ? "/" : escapedAbsolutePath);
        if (query.Count > 0)
        {
            var sorted = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (var (name, value) in query)
            {
                var key = name.ToLowerInvariant();
                if (!sorted.TryGetValue(key, out var values)) sorted[key] = values = [];
                values.Add(value);
            }
            foreach (var (name, values) in sorted)
            {
                values.Sort(StringComparer.Ordinal);
                sb.Append('\n').Append(name).Append(':').Append(string.Join(',', values));
            }
        }
        return sb.ToString();
    }

    /// <summary>Base64(HMAC-SHA256(key, UTF8(stringToSign))).</summary>
    public static string Sign(string stringToSign, byte[] key) =>
        Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
}
