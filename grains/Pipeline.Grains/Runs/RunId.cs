using System.Text.RegularExpressions;

namespace Pipeline.Grains.Runs;

/// <summary>Run ids (contract): <c>[A-Za-z0-9._-]{1,64}</c>; the default is the UTC start time, e.g. <c>20261122T020000Z</c>.</summary>
public static partial class RunId
{
    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex Pattern();

    public static bool IsValid(string id) => Pattern().IsMatch(id) && id is not "." and not "..";

    public static string Validate(string id) => IsValid(id)
        ? id
        : throw new ArgumentException($"Invalid run id '{id}': use 1 to 64 characters of A-Z, a-z, 0-9, '.', '_' or '-'.");

    public static string FromStartTime(DateTimeOffset startedUtc) => startedUtc.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
