using System.Runtime.CompilerServices;

namespace Pipeline.Storage;

/// <summary>
/// An <see cref="IObjectStore"/> over a local (or mounted shared) folder. Writes go to a temporary file
/// beside the target and are renamed into place, so a reader never sees half an object.
/// The ETag is the file's last-write time and length; If-Match compares it under an exclusive
/// lock file, so two processes on one machine cannot both win.
/// </summary>
public sealed class LocalFolderStore : IObjectStore
{
    private readonly string _root;

    public LocalFolderStore(string root)
    {
        _root = Path.GetFullPath(root);
    }

    public string Root => _root;
    public string DisplayUri => _root;

    private string PathOf(string name) => Path.Combine(_root, ObjectName.Validate(name).Replace('/', Path.DirectorySeparatorChar));

    public Task<Stream> OpenReadAsync(string name, CancellationToken ct = default)
    {
        var path = PathOf(name);
        if (!File.Exists(path)) throw new ObjectNotFoundException(name, DisplayUri);
        Stream s = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1 << 16, FileOptions.SequentialScan);
        return Task.FromResult(s);
    }

    public async Task<byte[]> ReadRangeAsync(string name, long offset, int length, CancellationToken ct = default)
    {
        var path = PathOf(name);
        if (!File.Exists(path)) throw new ObjectNotFoundException(name, DisplayUri);
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);
        long size = RandomAccess.GetLength(handle);
        if (offset >= size || length <= 0) return [];
        var buffer = new byte[(int)Math.Min(length, size - offset)];
        int done = 0;
        while (done < buffer.Length)
        {
            int n = await RandomAccess.ReadAsync(handle, buffer.AsMemory(done), offset + done, ct).ConfigureAwait(false);
            if (n == 0) break;
            done += n;
        }
        return done == buffer.Length ? buffer : buffer[..done];
    }

    public Task<ObjectInfo?> GetInfoAsync(string name, CancellationToken ct = default)
    {
        var fi = new FileInfo(PathOf(name));
        return Task.FromResult(fi.Exists ? Info(name, fi) : null);
    }

    public async Task<ObjectInfo> WriteAsync(string name, Stream content, WriteCondition? condition = null, CancellationToken ct = default)
    {
        var path = PathOf(name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + ".tmp-" + Guid.NewGuid().ToString("N");
        try
        {
            await using (var fs = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
                await content.CopyToAsync(fs, 1 << 16, ct).ConfigureAwait(false);

            if (condition is null)
            {
                File.Move(temp, path, overwrite: true);
            }
            else if (condition.IfNotExistsFlag)
            {
                try { File.Move(temp, path, overwrite: false); }
                catch (IOException) when (File.Exists(path)) { throw new ObjectConflictException(name, DisplayUri, "it exists already"); }
            }
            else
            {
                using var gate = AcquireLock(path + ".lock", ct);
                var current = new FileInfo(path);
                if (!current.Exists) throw new ObjectConflictException(name, DisplayUri, "it does not exist");
                if (Info(name, current).ETag != condition.IfMatchETag) throw new ObjectConflictException(name, DisplayUri, "its ETag changed");
                File.Move(temp, path, overwrite: true);
            }
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
        return Info(name, new FileInfo(path));
    }

    public async IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken ct = default)
    {
        if (prefix.Length > 0) ObjectName.Validate(prefix);
        if (!Directory.Exists(_root)) yield break;
        // Search from the deepest existing folder named by the prefix, then filter by the full prefix.
        var slash = prefix.LastIndexOf('/');
        var start = slash < 0 ? _root : Path.Combine(_root, prefix[..slash].Replace('/', Path.DirectorySeparatorChar));
        if (!Directory.Exists(start)) yield break;
        var names = new List<(string Name, FileInfo File)>();
        foreach (var file in new DirectoryInfo(start).EnumerateFiles("*", SearchOption.AllDirectories))
        {
            if (file.Name.Contains(".tmp-", StringComparison.Ordinal) || file.Name.EndsWith(".lock", StringComparison.Ordinal)) continue;
            var name = Path.GetRelativePath(_root, file.FullName).Replace(Path.DirectorySeparatorChar, '/');
            if (name.StartsWith(prefix, StringComparison.Ordinal)) names.Add((name, file));
        }
        names.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        foreach (var (name, file) in names)
        {
            ct.ThrowIfCancellationRequested();
            yield return Info(name, file);
        }
        await Task.CompletedTask.ConfigureAwait(false);
    }

    public Task<bool> DeleteAsync(string name, CancellationToken ct = default)
    {
        var path = PathOf(name);
        if (!File.Exists(path)) return Task.FromResult(false);
        File.Delete(path);
        return Task.FromResult(true);
    }

    private static ObjectInfo Info(string name, FileInfo fi) =>
        new(name, fi.Length, $"\"{fi.LastWriteTimeUtc.Ticks:x}-{fi.Length:x}\"", new DateTimeOffset(fi.LastWriteTimeUtc, TimeSpan.Zero));

    private static FileStream AcquireLock(string lockPath, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try { return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose); }
            catch (IOException) when (DateTime.UtcNow < deadline) { ct.ThrowIfCancellationRequested(); Thread.Sleep(10); }
        }
    }
}
