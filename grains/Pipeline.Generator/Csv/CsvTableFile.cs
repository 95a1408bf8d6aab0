namespace Pipeline.Generator.Csv;

/// <summary>One output table: a UTF-8 CSV file (no BOM) with its header, to which row buffers are appended in order.</summary>
internal sealed class CsvTableFile : IDisposable
{
    private readonly FileStream _file;

    /// <summary>Creates (overwrites) <c>DIR/NAME.csv</c> and writes the header row.</summary>
    public CsvTableFile(string directory, string name, params string[] header)
    {
        Name = name;
        _file = new FileStream(Path.Combine(directory, name + ".csv"), FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 20);
        using var head = new CsvBuffer(512);
        foreach (var h in header) head.Text(h);
        head.End();
        _file.Write(head.Bytes);
    }

    /// <summary>The table name (file name without <c>.csv</c>).</summary>
    public string Name { get; }

    /// <summary>Data rows written (header not counted).</summary>
    public long Rows { get; private set; }

    /// <summary>Appends the buffer's rows.</summary>
    public void Append(CsvBuffer rows)
    {
        _file.Write(rows.Bytes);
        Rows += rows.Rows;
    }

    /// <summary>Flushes and closes the file.</summary>
    public void Dispose() => _file.Dispose();
}
