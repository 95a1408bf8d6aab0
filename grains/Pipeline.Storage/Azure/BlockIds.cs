using System.Text;

namespace Pipeline.Storage.Azure;

/// <summary>
/// Block ids of a staged upload: Base64 of the ASCII string "{writeId:N}{index:D7}" (39 bytes, so every id
/// of a blob has the same length, as the service requires, and encodes to 52 characters without padding).
/// The write id makes ids unique per upload, so racing uploads of one name never overwrite each other's
/// staged blocks, while re-staging a block of the same upload (a retry) is idempotent.
/// </summary>
internal static class BlockIds
{
    /// <summary>The most blocks a block blob may have.</summary>
    public const int MaxBlocks = 50_000;

    /// <summary>The id of block <paramref name="index"/> of write <paramref name="writeId"/>.</summary>
    public static string For(Guid writeId, int index)
    {
        if ((uint)index >= MaxBlocks) throw new ArgumentOutOfRangeException(nameof(index));
        return Convert.ToBase64String(Encoding.ASCII.GetBytes($"{writeId:N}{index:D7}"));
    }
}
