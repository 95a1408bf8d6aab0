using Pipeline.Parquet;
using Pipeline.Storage;

namespace Pipeline.Client.Report;

/// <summary>
/// Reads the output tables of a run (<c>runs/RUN_ID/TABLE/**/*.parquet</c>) from any object store with the
/// project's own Parquet reader. Only the requested columns are decoded; a requested column that no part has is
/// left out of the table (older runs), so callers check <see cref="RunTable.Has"/>.
/// </summary>
public static class RunTableReader
{
    public static async Task<RunTable> ReadAsync(IObjectStore store, string runId, string table, IReadOnlyCollection<string> wanted, CancellationToken ct)
    {
        var prefix = $"runs/{runId}/{table}/";
        var parts = new List<string>();
        await foreach (var o in store.ListAsync(prefix, ct).ConfigureAwait(false))
            if (o.Name.EndsWith(".parquet", StringComparison.Ordinal)) parts.Add(o.Name);
        if (parts.Count == 0) throw new FileNotFoundException($"Run '{runId}' has no Parquet parts under {store.DisplayUri}/{prefix}.");

        var columns = new Dictionary<string, List<object?>>(StringComparer.Ordinal);
        int count = 0;
        foreach (var part in parts)
        {
            var bytes = new MemoryStream();
            await using (var s = await store.OpenReadAsync(part, ct).ConfigureAwait(false)) await s.CopyToAsync(bytes, ct).ConfigureAwait(false);
            bytes.Position = 0;
            using var reader = new ParquetFileReader(bytes, $"{store.DisplayUri}/{part}");
            var hive = HivePartitions(part[prefix.Length..]);
            foreach (var name in wanted)
            {
                int index = reader.Schema.IndexOf(name);
                if (index < 0 && !hive.ContainsKey(name)) continue;
                if (!columns.TryGetValue(name, out var values))
                {
                    values = [.. Enumerable.Repeat<object?>(null, count)]; // earlier parts lacked it
                    columns[name] = values;
                }
                if (index >= 0)
                {
                    for (int g = 0; g < reader.RowGroupCount; g++)
                    {
                        var data = reader.ReadColumn(g, index);
                        for (int r = 0; r < data.Count; r++) values.Add(data.GetValue(r));
                    }
                }
                else
                {
                    values.AddRange(Enumerable.Repeat<object?>(hive[name], checked((int)reader.RowCount)));
                }
            }
            count += checked((int)reader.RowCount);
            foreach (var values in columns.Values)
                while (values.Count < count) values.Add(null); // this part lacked a column earlier parts had
        }
        return new RunTable(table, columns, count);
    }

    /// <summary>The <c>key=value</c> folders of a part's path below its table folder (<c>__HIVE_DEFAULT_PARTITION__</c> is null).</summary>
    public static IReadOnlyDictionary<string, string?> HivePartitions(string relativeName)
    {
        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        var segments = relativeName.Split('/');
        foreach (var segment in segments[..^1])
        {
            int eq = segment.IndexOf('=');
            if (eq > 0)
                result[segment[..eq]] = segment[(eq + 1)..] == "__HIVE_DEFAULT_PARTITION__" ? null : Uri.UnescapeDataString(segment[(eq + 1)..]);
        }
        return result;
    }
}
