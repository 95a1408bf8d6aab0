using System.Diagnostics;
using Pipeline.Generator.BadRows;
using Pipeline.Generator.Calibration;
using Pipeline.Generator.Clusters;
using Pipeline.Generator.Csv;
using Pipeline.Generator.Firms;

namespace Pipeline.Generator;

/// <summary>
/// Writes a seeded synthetic national data set in the contract's input schema — clusters.csv, firms.csv, links.csv,
/// firm_years.csv — calibrated to domain.md: log-normal cluster sizes with the named real clusters, hub lead firms and
/// preferential attachment, kin communities, value-chain tiers with supply flowing up the chain, specialised-market
/// traders, foreign buyers, links across clusters and provinces, parallel links across 2005–2012, and an unbalanced
/// firm-year panel with a 2008–2009 shock that hits export-heavy clusters harder.
/// <para>Streaming: clusters are generated in parallel batches, each from its own random stream, and written in order
/// while the next batch is generated, so memory is bounded by a few clusters and the bytes do not depend on the
/// degree of parallelism.</para>
/// </summary>
public static class DatasetGenerator
{
    /// <summary>Generates the data set of <paramref name="options"/> into <paramref name="outputDirectory"/> (created;
    /// existing tables overwritten) and reports what was written, including Σ n·m over clusters.</summary>
    /// <param name="options">Preset, seed, bad rows, parallelism.</param>
    /// <param name="outputDirectory">Folder that receives clusters.csv, firms.csv, links.csv and firm_years.csv.</param>
    /// <param name="progress">Receives stage progress (<c>clusters</c>, <c>extra_firms</c>, <c>bad_rows</c>).</param>
    /// <param name="ct">Cancels between clusters (the files are then incomplete).</param>
    public static GeneratorReport Generate(GeneratorOptions options, string outputDirectory, IProgress<GeneratorProgress>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.BadRows);
        var clock = Stopwatch.StartNew();
        Directory.CreateDirectory(outputDirectory);
        var shape = PresetShape.For(options.Preset);
        var layout = new DataSetLayout(ClusterPlanner.Plan(shape, SeededRandom.Derive(options.Seed, 0)), shape);
        int dop = Math.Max(1, options.MaxDegreeOfParallelism ?? Environment.ProcessorCount);

        using var clusters = new CsvTableFile(outputDirectory, "clusters", "cluster_id", "name", "province", "prefecture", "county", "main_product", "cluster_type");
        using var firms = new CsvTableFile(outputDirectory, "firms", "firm_id", "cluster_id", "name", "province", "prefecture", "county", "country",
            "industry_code", "value_chain_stage", "ownership", "founded_year", "employees", "revenue", "export_revenue", "in_specialized_market");
        using var links = new CsvTableFile(outputDirectory, "links", "src_firm_id", "dst_firm_id", "kind", "weight", "year");
        using var panel = new CsvTableFile(outputDirectory, "firm_years", "firm_id", "year", "employees", "revenue");

        using (var rows = new CsvBuffer())
        {
            foreach (var p in layout.Plans)
                rows.Text(p.Id).Text(p.Name).Text(p.Province).Text(p.Prefecture).Text(p.County).Text(p.Product.Name).Text(p.Type).End();
            clusters.Append(rows);
        }

        double sumNm = WriteClusters(layout, shape, options.Seed, dop, firms, links, panel, progress, ct);

        using (var f = new CsvBuffer(1 << 22))
        using (var l = new CsvBuffer(1 << 22))
        {
            progress?.Report(new GeneratorProgress("extra_firms", 0, layout.End - layout.UnclusteredStart));
            ExtraFirmWriter.Write(layout, SeededRandom.Derive(options.Seed, 1UL << 40), f, l, () =>
            {
                firms.Append(f); links.Append(l); f.Clear(); l.Clear();
            }, ct);
        }

        IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> bad = new Dictionary<string, IReadOnlyDictionary<string, long>>();
        if (options.BadRows > 0)
        {
            progress?.Report(new GeneratorProgress("bad_rows", 0, options.BadRows));
            using var c = new CsvBuffer(); using var f = new CsvBuffer(); using var l = new CsvBuffer(); using var y = new CsvBuffer();
            bad = BadRowWriter.Write(options.BadRows, SeededRandom.Derive(options.Seed, 1UL << 41), layout, c, f, l, y);
            clusters.Append(c); firms.Append(f); links.Append(l); panel.Append(y);
            progress?.Report(new GeneratorProgress("bad_rows", options.BadRows, options.BadRows));
        }
        return new GeneratorReport(clusters.Rows, firms.Rows, links.Rows, panel.Rows, sumNm, bad, clock.Elapsed);
    }

    /// <summary>Generates the clusters in batches of 2·dop in parallel; a batch is written on a background task while
    /// the next one is generated. Returns Σ n·m.</summary>
    private static double WriteClusters(DataSetLayout layout, PresetShape shape, ulong seed, int dop, CsvTableFile firms, CsvTableFile links,
        CsvTableFile panel, IProgress<GeneratorProgress>? progress, CancellationToken ct)
    {
        var plans = layout.Plans;
        int batch = 2 * dop;
        double sumNm = 0;
        Task pending = Task.CompletedTask;
        try
        {
            for (int start = 0; start < plans.Count; start += batch)
            {
                ct.ThrowIfCancellationRequested();
                int count = Math.Min(batch, plans.Count - start);
                var chunks = new ClusterChunk[count];
                int offset = start;
                Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = dop, CancellationToken = ct },
                    i => chunks[i] = ClusterChunk.Generate(plans[offset + i], layout, shape.PanelShare, seed));
                foreach (var c in chunks) sumNm += (double)c.N * c.M;
                pending.GetAwaiter().GetResult();
                int done = start + count;
                pending = Task.Run(() =>
                {
                    foreach (var c in chunks)
                    {
                        firms.Append(c.Firms); links.Append(c.Links); panel.Append(c.Panel);
                        c.Dispose();
                    }
                    progress?.Report(new GeneratorProgress("clusters", done, plans.Count));
                });
            }
        }
        finally
        {
            pending.GetAwaiter().GetResult();
        }
        return sumNm;
    }
}
