using Parquet;
using Pipeline.Grains.ParquetFiles;
using Pipeline.Storage;

namespace Pipeline.Client.Report;

/// <summary>
/// Reads the output tables of a run (<c>runs/RUN_ID/TABLE/**/*.parquet</c>) from any object store with Parquet.Net.
/// Only the requested columns are decoded, column by column into typed arrays (<see cref="ColumnValues"/>); parts are
/// read in parallel, one per core, and joined in name order. A requested column that no part has is left out of the
/// table (older runs), so callers check <see cref="RunTable.Has"/>. A part Parquet.Net cannot read is an
/// <see cref="InvalidDataException"/> naming it.
/// </summary>
public static class RunTableReader
{
    public static async Task<RunTable> ReadAsync(IObjectStore store, string runId, string table, IReadOnlyCollection<string> wanted, CancellationToken ct)
    {
        var prefix = $"runs/{runId}/{table}/";
        var parts = new List<ObjectInfo>();
        await foreach (var o in store.ListAsync(prefix, ct).ConfigureAwait(false))
            if (o.Name.EndsWith(".parquet", StringComparison.Ordinal)) parts.Add(o);
        if (parts.Count == 0) throw new FileNotFoundException($"Run '{runId}' has no Parquet parts under {store.DisplayUri}/{prefix}.");

        var read = new PartColumns[parts.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, parts.Count), new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = ct },
            async (i, token) => read[i] = await ReadPartAsync(store, parts[i], HivePartitions(parts[i].Name[prefix.Length..]), wanted, token).ConfigureAwait(false)).ConfigureAwait(false);

        var columns = new Dictionary<string, ColumnSegments>(StringComparer.Ordinal);
        int count = 0;
        foreach (var part in read)
        {
            foreach (var (name, segments) in part.Columns)
            {
                if (!columns.TryGetValue(name, out var column))
                {
                    columns[name] = column = new ColumnSegments();
                    column.AppendRepeated(null, count);         // earlier parts lacked it
                }
                foreach (var segment in segments)
                    if (segment is ColumnValues values) column.Append(values); else column.AppendRepeated(segment, part.Rows);
            }
            count = checked(count + part.Rows);
            foreach (var values in columns.Values)
                values.AppendRepeated(null, count - values.Count); // this part lacked a column earlier parts had
        }
        return new RunTable(table, columns, count);
    }

    /// <summary>A part's rows and, per wanted column it has, its row groups' values — or one Hive folder value for all rows (a string or null).</summary>
    private sealed record PartColumns(int Rows, IReadOnlyList<(string Name, List<object?> Segments)> Columns);

    private static async Task<PartColumns> ReadPartAsync(IObjectStore store, ObjectInfo part, IReadOnlyDictionary<string, string?> hive,
        IReadOnlyCollection<string> wanted, CancellationToken ct)
    {
        try
        {
            ParquetBytes bytes;
            await using (var s = await store.OpenReadAsync(part.Name, ct).ConfigureAwait(false)) bytes = await ParquetBytes.ReadAsync(s, part.Size, ct).ConfigureAwait(false);
            using (bytes)
            {
                // Parts are read in parallel already; within a part, its column chunks go to as many threads again, so a run of one big part uses every core too.
                var table = await ParquetColumns.ReadAsync(bytes, wanted, Environment.ProcessorCount, ct).ConfigureAwait(false);
                var columns = new List<(string Name, List<object?> Segments)>();
                foreach (var name in wanted)
                {
                    int c = IndexOf(table.Fields, name);
                    if (c >= 0)
                    {
                        var segments = new List<object?>(table.Columns.Length);
                        foreach (var group in table.Columns) segments.Add(group[c]);   // kept by the report: not disposed
                        columns.Add((name, segments));
                    }
                    else if (hive.TryGetValue(name, out var value)) columns.Add((name, [value]));
                }
                return new PartColumns(checked((int)table.Rows), columns);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new InvalidDataException($"{store.DisplayUri}/{part.Name}: not a readable Parquet file: {e.Message}", e);
        }
    }

    private static int IndexOf(IReadOnlyList<Parquet.Schema.DataField> fields, string name)
    {
        for (int i = 0; i < fields.Count; i++) if (fields[i].Name == name) return i;
        return -1;
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
