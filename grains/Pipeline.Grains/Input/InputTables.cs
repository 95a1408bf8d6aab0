using Pipeline.Storage;

namespace Pipeline.Grains.Input;

/// <summary>
/// Finds the contract's input tables in an input store: each as <c>NAME.csv</c>, <c>NAME.parquet</c> or a folder
/// <c>NAME/</c> of Parquet parts. <c>clusters</c>, <c>firms</c> and <c>links</c> are required, <c>firm_years</c>
/// optional; a table present in two forms is an error. Nothing else in the store is looked at. All errors are
/// <see cref="InputUnreadableException"/>s raised before anything is computed or published.
/// </summary>
public sealed class InputTables
{
    public static readonly string[] Required = ["clusters", "firms", "links"];
    public static readonly string[] Optional = ["firm_years"];

    private readonly Dictionary<string, TableSource> _tables;

    private InputTables(Dictionary<string, TableSource> tables, string location)
    {
        _tables = tables;
        Location = location;
    }

    public string Location { get; }

    public TableSource? this[string table] => _tables.GetValueOrDefault(table);

    public IEnumerable<TableSource> All => _tables.Values.OrderBy(t => t.Table, StringComparer.Ordinal);

    public static async Task<InputTables> LocateAsync(IObjectStore store, CancellationToken ct = default)
    {
        var tables = new Dictionary<string, TableSource>(StringComparer.Ordinal);
        foreach (var table in Required.Concat(Optional))
        {
            var forms = await FormsOfAsync(store, table, ct).ConfigureAwait(false);
            if (forms.Count > 1)
                throw new InputUnreadableException($"Input table '{table}' is present in two forms in {store.DisplayUri} ({string.Join(" and ", forms.Select(Describe))}); keep one.");
            if (forms.Count == 1) tables[table] = forms[0];
            else if (Required.Contains(table))
                throw new InputUnreadableException($"Required input table '{table}' is missing: no {table}.csv, {table}.parquet or {table}/ folder of Parquet parts in {store.DisplayUri}.");
        }
        return new InputTables(tables, store.DisplayUri);
    }

    /// <summary>
    /// The forms in which <paramref name="table"/> is present. Only its own names are looked up (<c>NAME.csv</c>,
    /// <c>NAME.parquet</c>, the <c>NAME/</c> prefix), so other files and folders beside the tables — an unreadable
    /// <c>lost+found/</c>, a large archive — are never listed.
    /// </summary>
    private static async Task<List<TableSource>> FormsOfAsync(IObjectStore store, string table, CancellationToken ct)
    {
        var forms = new List<TableSource>();
        try
        {
            if (await store.GetInfoAsync(table + ".csv", ct).ConfigureAwait(false) is { } csv)
                forms.Add(new TableSource(table, TableFormat.Csv, [csv]));
            if (await store.GetInfoAsync(table + ".parquet", ct).ConfigureAwait(false) is { } parquet)
                forms.Add(new TableSource(table, TableFormat.Parquet, [parquet]));
            var parts = new List<ObjectInfo>();
            await foreach (var o in store.ListAsync(table + "/", ct).ConfigureAwait(false))
                if (o.Name.EndsWith(".parquet", StringComparison.Ordinal)) parts.Add(o);
            if (parts.Count > 0) forms.Add(new TableSource(table, TableFormat.ParquetParts, parts));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Net.Http.HttpRequestException)
        {
            throw new InputUnreadableException($"Input table '{table}' in {store.DisplayUri} cannot be listed: {e.Message}", e);
        }
        return forms;
    }

    private static string Describe(TableSource s) => s.Format switch
    {
        TableFormat.Csv => s.Table + ".csv",
        TableFormat.Parquet => s.Table + ".parquet",
        _ => s.Table + "/",
    };
}
