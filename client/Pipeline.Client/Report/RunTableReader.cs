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

        var columns = new Dictionary<string, ColumnSegments>(StringComparer.Ordinal);
        int count = 0;
        foreach (var part in parts)
        {
            var bytes = new MemoryStream();
            await using (var s = await store.OpenReadAsync(part, ct).ConfigureAwait(false)) await s.CopyToAsync(bytes, ct).ConfigureAwait(false);
            bytes.Position = 0;
            using var reader = new ParquetFileReader(bytes, $"{store.DisplayUri}/{part}");
            var hive = HivePartitions(part[prefix.Length..]);
            int rows = checked((int)reader.RowCount);
            var fromFile = new List<(string Name, int Index)>();
            foreach (var name in wanted)
            {
                int index = reader.Schema.IndexOf(name);
                if (index < 0 && !hive.ContainsKey(name)) continue;
                if (!columns.ContainsKey(name))
                {
                    columns[name] = new ColumnSegments();
                    columns[name].AppendRepeated(null, count); // earlier parts lacked it
                }
                if (index >= 0) fromFile.Add((name, index));
                else columns[name].AppendRepeated(hive[name], rows);
            }
            var indices = fromFile.Select(c => c.Index).ToArray();
            for (int g = 0; g < reader.RowGroupCount && indices.Length > 0; g++)
            {
                var data = reader.ReadRowGroup(g, indices);
                for (int i = 0; i < data.Length; i++) columns[fromFile[i].Name].Append(data[i]);
            }
            count += rows;
            foreach (var values in columns.Values)
                values.AppendRepeated(null, count - values.Count); // this part lacked a column earlier parts had
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
