using System.Globalization;

namespace Pipeline.Storage.Azure;

/// <summary>
/// Creates shared access signature (SAS) tokens signed with an account key, e.g. to hand analysts'
/// BI tools read-only access to a run's outputs. Signed version <see cref="BlobRequest.ApiVersion"/>
/// (2020-12-06+ string-to-sign layouts). References: "Create an account SAS" and "Create a service SAS",
/// https://learn.microsoft.com/rest/api/storageservices/create-account-sas and .../create-service-sas.
/// </summary>
public static class SharedAccessSignature
{
    /// <summary>
    /// An account SAS token (no leading '?'). String-to-sign: account \n sp \n ss \n srt \n st \n se \n sip \n
    /// spr \n sv \n ses \n; signature = Base64(HMAC-SHA256(key, UTF8(string-to-sign))).
    /// </summary>
    /// <param name="credentials">Shared Key credentials of the account.</param>
    /// <param name="permissions">Permission letters in the order r w d l a c u p (e.g. "rwdlac").</param>
    /// <param name="expiresOn">Expiry (UTC, second precision).</param>
    /// <param name="startsOn">Optional start time.</param>
    /// <param name="services">Services letters: b (blob), f, q, t. Default "b".</param>
    /// <param name="resourceTypes">Resource types: s (service), c (container), o (object). Default "sco".</param>
    public static string CreateAccountSas(AzureCredentials credentials, string permissions, DateTimeOffset expiresOn,
        DateTimeOffset? startsOn = null, string services = "b", string resourceTypes = "sco")
    {
        ArgumentNullException.ThrowIfNull(credentials);
        var version = BlobRequest.ApiVersion;
        var st = startsOn is { } s ? Iso(s) : "";
        var se = Iso(expiresOn);
        var stringToSign = string.Join('\n', credentials.AccountName, permissions, services, resourceTypes, st, se, "", "", version, "", "");
        var sig = SharedKeySigner.Sign(stringToSign, credentials.Key);
        return $"sv={version}&ss={services}&srt={resourceTypes}&sp={permissions}"
             + (st.Length > 0 ? $"&st={Uri.EscapeDataString(st)}" : "")
             + $"&se={Uri.EscapeDataString(se)}&sig={Uri.EscapeDataString(sig)}";
    }

    /// <summary>
    /// A service SAS token (no leading '?') for one container (sr=c). String-to-sign: sp \n st \n se \n
    /// /blob/account/container \n si \n sip \n spr \n sv \n sr \n snapshot-time \n ses \n rscc \n rscd \n rsce \n rscl \n rsct.
    /// </summary>
    /// <param name="credentials">Shared Key credentials of the account.</param>
    /// <param name="container">Container name.</param>
    /// <param name="permissions">Permission letters in the order r a c w d x l (e.g. "rl" for read + list).</param>
    /// <param name="expiresOn">Expiry (UTC, second precision).</param>
    /// <param name="startsOn">Optional start time.</param>
    public static string CreateContainerSas(AzureCredentials credentials, string container, string permissions, DateTimeOffset expiresOn, DateTimeOffset? startsOn = null)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        BlobLocation.ValidateContainer(container, container);
        var version = BlobRequest.ApiVersion;
        var st = startsOn is { } s ? Iso(s) : "";
        var se = Iso(expiresOn);
        var canonical = $"/blob/{credentials.AccountName}/{container}";
        var stringToSign = string.Join('\n', permissions, st, se, canonical, "", "", "", version, "c", "", "", "", "", "", "", "");
        var sig = SharedKeySigner.Sign(stringToSign, credentials.Key);
        return $"sv={version}&sr=c&sp={permissions}"
             + (st.Length > 0 ? $"&st={Uri.EscapeDataString(st)}" : "")
             + $"&se={Uri.EscapeDataString(se)}&sig={Uri.EscapeDataString(sig)}";
    }

    private static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
