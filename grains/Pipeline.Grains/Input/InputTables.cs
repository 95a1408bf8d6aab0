using Pipeline.Storage;

namespace Pipeline.Grains.Input;

/// <summary>
/// Finds the contract's input tables in an input store: each as <c>NAME.csv</c>, <c>NAME.parquet</c> or a folder
/// <c>NAME/</c> of Parquet parts. <c>clusters</c>, <c>firms</c> and <c>links</c> are required, <c>firm_years</c>
/// optional; a table present in two forms is an error. All errors are <see cref="InputUnreadableException"/>s
/// raised before anything is computed or published.
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
        var objects = new List<ObjectInfo>();
        try
        {
            await foreach (var o in store.ListAsync("", ct).ConfigureAwait(false)) objects.Add(o);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Net.Http.HttpRequestException)
        {
            throw new InputUnreadableException($"Input {store.DisplayUri} cannot be listed: {e.Message}", e);
        }

        var tables = new Dictionary<string, TableSource>(StringComparer.Ordinal);
        foreach (var table in Required.Concat(Optional))
        {
            var forms = new List<TableSource>();
            var csv = objects.FirstOrDefault(o => o.Name == table + ".csv");
            if (csv is not null) forms.Add(new TableSource(table, TableFormat.Csv, [csv]));
            var parquet = objects.FirstOrDefault(o => o.Name == table + ".parquet");
            if (parquet is not null) forms.Add(new TableSource(table, TableFormat.Parquet, [parquet]));
            var parts = objects.Where(o => o.Name.StartsWith(table + "/", StringComparison.Ordinal) && o.Name.EndsWith(".parquet", StringComparison.Ordinal)).ToList();
            if (parts.Count > 0) forms.Add(new TableSource(table, TableFormat.ParquetParts, parts));

            if (forms.Count > 1)
                throw new InputUnreadableException($"Input table '{table}' is present in two forms in {store.DisplayUri} ({string.Join(" and ", forms.Select(Describe))}); keep one.");
            if (forms.Count == 1) tables[table] = forms[0];
            else if (Required.Contains(table))
                throw new InputUnreadableException($"Required input table '{table}' is missing: no {table}.csv, {table}.parquet or {table}/ folder of Parquet parts in {store.DisplayUri}.");
        }
        return new InputTables(tables, store.DisplayUri);
    }

    private static string Describe(TableSource s) => s.Format switch
    {
        TableFormat.Csv => s.Table + ".csv",
        TableFormat.Parquet => s.Table + ".parquet",
        _ => s.Table + "/",
    };
}
