using System.Net;

namespace Pipeline.Storage.Azure;

/// <summary>
/// A parsed blob location: <c>az://container/prefix</c> (account from the credentials),
/// <c>https://account.blob.core.windows.net/container/prefix[?sas]</c> (virtual-host style), or
/// <c>http://127.0.0.1:10000/account/container/prefix[?sas]</c> (path style, used when the host is an IP
/// address or <c>localhost</c>: Azurite and other emulators). Path segments are percent-decoded and then
/// validated, so "..", "." and their encoded forms (<c>%2e%2e</c>) are rejected before any request is made.
/// </summary>
/// <param name="Endpoint">Blob endpoint named by an http(s) URL; null for <c>az://</c>.</param>
/// <param name="Container">Container name.</param>
/// <param name="Prefix">Store prefix inside the container ("" or a validated object-name prefix without trailing '/').</param>
/// <param name="SasToken">SAS query string of the URL (without '?'), or null.</param>
/// <param name="DisplayUri">The location without its query string (safe to print).</param>
public sealed record BlobLocation(Uri? Endpoint, string Container, string Prefix, string? SasToken, string DisplayUri)
{
    /// <summary>Parses a blob location; throws <see cref="ArgumentException"/> (without the query string) if it is malformed.</summary>
    public static BlobLocation Parse(string location)
    {
        ArgumentNullException.ThrowIfNull(location);
        var safe = WithoutQuery(location);
        int q = location.IndexOf('?');
        string? sas = q >= 0 ? location[(q + 1)..] : null;
        if (sas is { Length: 0 }) sas = null;
        if (location.Contains('#')) throw new ArgumentException($"Blob location '{safe}' must not contain a fragment ('#').", nameof(location));

        int schemeEnd = safe.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd <= 0) throw new ArgumentException($"Blob location '{safe}' has no scheme (az://, https:// or http://).", nameof(location));
        var scheme = safe[..schemeEnd].ToLowerInvariant();
        var rest = safe[(schemeEnd + 3)..];

        if (scheme == "az")
        {
            if (sas is not null) throw new ArgumentException($"az:// locations take no query string; put a SAS in the connection string or use an https URL ('{safe}').", nameof(location));
            var segments = DecodeSegments(rest, safe);
            if (segments.Count == 0) throw new ArgumentException($"Blob location '{safe}' names no container.", nameof(location));
            var container = ValidateContainer(segments[0], safe);
            var prefix = JoinPrefix(segments, 1, safe);
            return new BlobLocation(null, container, prefix, null, "az://" + container + (prefix.Length > 0 ? "/" + prefix : ""));
        }
        if (scheme != "https" && scheme != "http")
            throw new ArgumentException($"Blob location '{safe}' must start with az://, https:// or http://.", nameof(location));

        int slash = rest.IndexOf('/');
        var authority = slash < 0 ? rest : rest[..slash];
        var path = slash < 0 ? "" : rest[(slash + 1)..];
        if (authority.Length == 0 || authority.Contains('@')) throw new ArgumentException($"Blob location '{safe}' has no valid host.", nameof(location));
        var host = authority;
        if (host.StartsWith('[')) host = host[..(host.IndexOf(']') + 1)];
        else if (host.LastIndexOf(':') is var colon and > 0) host = host[..colon];

        var segs = DecodeSegments(path, safe);
        bool pathStyle = host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || IPAddress.TryParse(host.Trim('[', ']'), out _);
        int containerIndex = pathStyle ? 1 : 0;
        if (segs.Count <= containerIndex)
            throw new ArgumentException($"Blob location '{safe}' names no {(pathStyle ? "account and container (path style: /account/container/prefix)" : "container")}.", nameof(location));
        var endpointText = $"{scheme}://{authority}" + (pathStyle ? "/" + Uri.EscapeDataString(segs[0]) : "");
        var cont = ValidateContainer(segs[containerIndex], safe);
        var pfx = JoinPrefix(segs, containerIndex + 1, safe);
        var display = endpointText + "/" + cont + (pfx.Length > 0 ? "/" + EscapePath(pfx) : "");
        return new BlobLocation(new Uri(endpointText), cont, pfx, sas, display);
    }

    /// <summary>The display URI: never the SAS token (the compiler-generated record text would print it).</summary>
    public override string ToString() => DisplayUri;

    /// <summary>The location with any query string (which may hold a SAS) removed.</summary>
    public static string WithoutQuery(string location)
    {
        int q = location.IndexOf('?');
        return q >= 0 ? location[..q] : location;
    }

    /// <summary>Percent-encodes each '/'-separated segment of an object name for a request path.</summary>
    internal static string EscapePath(string name)
    {
        var segments = name.Split('/');
        for (int i = 0; i < segments.Length; i++) segments[i] = Uri.EscapeDataString(segments[i]);
        return string.Join('/', segments);
    }

    /// <summary>Throws unless <paramref name="name"/> is a valid container name (3-63 of a-z, 0-9, '-', no "--", not starting/ending with '-').</summary>
    internal static string ValidateContainer(string name, string display)
    {
        bool ok = name.Length is >= 3 and <= 63 && name[0] != '-' && name[^1] != '-' && !name.Contains("--", StringComparison.Ordinal);
        foreach (var c in name) ok &= c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-';
        if (!ok) throw new ArgumentException($"'{name}' in '{display}' is not a valid container name (3-63 lowercase letters, digits and single hyphens).");
        return name;
    }

    private static List<string> DecodeSegments(string path, string display)
    {
        var result = new List<string>();
        var raw = path.Split('/');
        for (int i = 0; i < raw.Length; i++)
        {
            var segment = Uri.UnescapeDataString(raw[i]);
            if (segment is "." or "..")
                throw new ArgumentException($"Blob location '{display}' contains a '{segment}' segment; path traversal is not allowed.");
            if (segment.Contains('/') || segment.Contains('\\') || segment.Contains('\0'))
                throw new ArgumentException($"Blob location '{display}' contains an encoded separator in a segment; path traversal is not allowed.");
            if (segment.Length == 0)
            {
                if (i == raw.Length - 1) continue; // trailing '/'
                throw new ArgumentException($"Blob location '{display}' contains an empty segment ('//').");
            }
            result.Add(segment);
        }
        return result;
    }

    private static string JoinPrefix(List<string> segments, int start, string display)
    {
        if (segments.Count <= start) return "";
        var prefix = string.Join('/', segments.Skip(start));
        try { return ObjectName.Validate(prefix); }
        catch (ArgumentException e) { throw new ArgumentException($"Blob location '{display}' has an invalid prefix: {e.Message}"); }
    }
}
