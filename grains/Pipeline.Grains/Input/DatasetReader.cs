using Pipeline.Grains.Input.Csv;
using Pipeline.Grains.Input.Parquet;
using Pipeline.Grains.Input.Validation;
using Pipeline.Grains.Model;
using Pipeline.Storage;

namespace Pipeline.Grains.Input;

/// <summary>The validated data set, the quarantine log and the input fingerprint of one read.</summary>
public sealed record InputReadResult(Dataset Dataset, QuarantineLog Quarantine, InputFingerprint Fingerprint);

/// <summary>
/// Reads the contract's input tables from a store, in dependency order (clusters → firms → links → firm_years),
/// validating every row: bad rows go to the <see cref="QuarantineLog"/>, good rows into a <see cref="Dataset"/>.
/// A CSV file is read once, streaming, and hashed on the way for the manifest's fingerprint; where a core is free for
/// it (<see cref="ReadPipelining"/>), its decoding, splitting and hashing run on a thread of their own while the rows
/// read before are validated (<see cref="PipelinedTableCursor"/>). A Parquet file (or each part of a folder) is read
/// with ranged reads through <see cref="ObjectRangeStream"/> and then hashed sequentially.
/// </summary>
public static class DatasetReader
{
    public static async Task<InputReadResult> ReadAsync(IObjectStore store, IProgress<string>? progress = null, CancellationToken ct = default)
    {
        var tables = await InputTables.LocateAsync(store, ct).ConfigureAwait(false);
        var log = new QuarantineLog();
        var files = new List<InputFile>();
        var strings = new StringPool();

        progress?.Report("clusters");
        var clusters = await ReadTableAsync(store, tables["clusters"]!, false, files, rows => ClusterTableValidator.Read(rows, log), ct).ConfigureAwait(false);
        var clusterIndex = new Dictionary<string, int>(clusters.Count, StringComparer.Ordinal);
        for (int i = 0; i < clusters.Count; i++) clusterIndex.Add(clusters[i].ClusterId, i);

        progress?.Report("firms");
        bool pipelineFirms = ReadPipelining.Choose([SizeOf(tables["firms"]!)], Environment.ProcessorCount)[0];
        var firmList = await ReadTableAsync(store, tables["firms"]!, pipelineFirms, files, rows => FirmTableValidator.Read(rows, clusterIndex, strings, log), ct).ConfigureAwait(false);
        var firms = SortById(firmList);
        var sortedIds = new long[firms.Length];
        for (int i = 0; i < firms.Length; i++) sortedIds[i] = firms[i].FirmId;
        var firmIndex = new FirmIdIndex(sortedIds);

        // links and firm_years depend only on the firms: read them at the same time, each with its own log.
        progress?.Report(tables["firm_years"] is null ? "links" : "links, firm_years");
        var pipelinePair = ReadPipelining.Choose(
            tables["firm_years"] is { } panelTable ? [SizeOf(tables["links"]!), SizeOf(panelTable)] : [SizeOf(tables["links"]!)],
            Environment.ProcessorCount);
        var linkLog = new QuarantineLog();
        var linkFiles = new List<InputFile>();
        var linksTask = Task.Run(() => ReadTableAsync(store, tables["links"]!, pipelinePair[0], linkFiles, rows => LinkTableValidator.Read(rows, firmIndex, linkLog), ct), ct);
        List<FirmYearRecord>? panel = null;
        var panelLog = new QuarantineLog();
        var panelFiles = new List<InputFile>();
        try
        {
            if (tables["firm_years"] is { } panelSource)
                panel = await ReadTableAsync(store, panelSource, pipelinePair[1], panelFiles, rows => FirmYearTableValidator.Read(rows, firmIndex, panelLog), ct).ConfigureAwait(false);
        }
        catch
        {
            try { await linksTask.ConfigureAwait(false); } catch { /* the panel's error is the one reported */ }
            throw;
        }
        var links = await linksTask.ConfigureAwait(false);
        log.Append(linkLog);
        log.Append(panelLog);
        files.AddRange(linkFiles);
        files.AddRange(panelFiles);

        var dataset = new Dataset
        {
            Strings = strings,
            Clusters = [.. clusters],
            Firms = firms,
            Links = [.. links],
            FirmYears = panel?.ToArray(),
        };
        return new InputReadResult(dataset, log, new InputFingerprint(store.DisplayUri, files));
    }

    private static FirmRecord[] SortById(List<FirmRecord> list)
    {
        var firms = list.ToArray();
        var keys = new long[firms.Length];
        for (int i = 0; i < keys.Length; i++) keys[i] = firms[i].FirmId;
        Array.Sort(keys, firms);
        return firms;
    }

    private static long SizeOf(TableSource source)
    {
        long size = 0;
        foreach (var o in source.Objects) size += o.Size;
        return size;
    }

    /// <param name="pipelined">For CSV: tokenize on a thread of its own while validating (see <see cref="ReadPipelining"/>).</param>
    private static async Task<T> ReadTableAsync<T>(IObjectStore store, TableSource source, bool pipelined, List<InputFile> files, Func<ITableCursor, T> read, CancellationToken ct)
    {
        var display = $"{store.DisplayUri.TrimEnd('/')}/{source.Objects[0].Name}";
        try
        {
            if (source.Format == TableFormat.Csv)
            {
                var obj = source.Objects[0];
                using var hashing = new HashingReadStream(await store.OpenReadAsync(obj.Name, ct).ConfigureAwait(false));
                T result;
                ITableCursor csv = new CsvTableCursor(hashing, display);
                using (var cursor = pipelined ? new PipelinedTableCursor(csv) : csv) result = read(cursor);
                files.Add(new InputFile(obj.Name, hashing.BytesRead, hashing.HashHex()));
                return result;
            }

            // Parquet is read with ranged reads (footer, then each column chunk), so each file is hashed by one
            // extra sequential read for the fingerprint.
            var parts = source.Objects
                .Select(o => new ParquetPart($"{store.DisplayUri.TrimEnd('/')}/{o.Name}", () => new ObjectRangeStream(store, o.Name, o.Size, ct)))
                .ToList();
            var tableName = source.Format == TableFormat.Parquet ? display : $"{store.DisplayUri.TrimEnd('/')}/{source.Table}/";
            T parquetResult;
            using (var cursor = new ParquetTableCursor(source.Table, parts, tableName)) parquetResult = read(cursor);
            foreach (var o in source.Objects)
            {
                using var hashing = new HashingReadStream(await store.OpenReadAsync(o.Name, ct).ConfigureAwait(false));
                await hashing.CopyToAsync(Stream.Null, ct).ConfigureAwait(false);
                files.Add(new InputFile(o.Name, hashing.BytesRead, hashing.HashHex()));
            }
            return parquetResult;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.DecoderFallbackException)
        {
            throw new InputUnreadableException($"{display}: cannot be read: {e.Message}", e);
        }
    }
}
