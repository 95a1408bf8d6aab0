using System.Security.Cryptography;
using System.Text;

namespace Pipeline.Grains.Input;

/// <summary>One input object's name, size and SHA-256, recorded in the run manifest.</summary>
public sealed record InputFile(string Name, long Size, string Sha256);

/// <summary>
/// The fingerprint of a run's input: every file read (name, size, content hash) and one SHA-256 over that list,
/// so two runs on identical inputs carry the same <see cref="Sha256"/>.
/// </summary>
public sealed record InputFingerprint(string Uri, IReadOnlyList<InputFile> Files)
{
    public string Sha256 => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
        string.Join('\n', Files.OrderBy(f => f.Name, StringComparer.Ordinal).Select(f => $"{f.Name}\t{f.Size}\t{f.Sha256}")))));
}
