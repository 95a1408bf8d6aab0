using Pipeline.Storage;

namespace Pipeline.Tests.Blob;

/// <summary>Copies files between a local folder and an object store, as a user would with azcopy.</summary>
internal static class BlobTransfer
{
    /// <summary>Uploads every file of <paramref name="folder"/> (not recursive) as <c>prefix + file name</c>.</summary>
    public static async Task UploadFolderAsync(string folder, IObjectStore store, string prefix)
    {
        foreach (var file in Directory.GetFiles(folder).OrderBy(f => f, StringComparer.Ordinal))
        {
            await using var s = File.OpenRead(file);
            await store.WriteAsync(prefix + Path.GetFileName(file), s);
        }
    }

    /// <summary>Downloads every object under <paramref name="prefix"/> into <paramref name="folder"/>, keeping the relative names; returns them.</summary>
    public static async Task<List<string>> DownloadAsync(IObjectStore store, string prefix, string folder)
    {
        var names = new List<string>();
        await foreach (var o in store.ListAsync(prefix)) names.Add(o.Name);
        foreach (var name in names)
        {
            var target = Path.Combine(folder, name[prefix.Length..].Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            await using var source = await store.OpenReadAsync(name);
            await using var file = File.Create(target);
            await source.CopyToAsync(file);
        }
        return [.. names.Select(n => n[prefix.Length..])];
    }

    /// <summary>The text of an object, or null if it does not exist.</summary>
    public static async Task<string?> ReadTextAsync(IObjectStore store, string name)
    {
        if (await store.GetInfoAsync(name) is null) return null;
        await using var s = await store.OpenReadAsync(name);
        using var reader = new StreamReader(s);
        return await reader.ReadToEndAsync();
    }
}
