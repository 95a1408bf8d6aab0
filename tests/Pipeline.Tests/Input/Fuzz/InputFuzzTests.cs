using Xunit;
using Xunit.Abstractions;

namespace Pipeline.Tests.Input.Fuzz;

/// <summary>
/// Issue 17's fuzz test, in process: every seeded mutation of the fixture data set (<see cref="MutationCatalog"/>)
/// either reads with reconciled counts, contract reason codes and finite metrics, or is refused with one short
/// message naming the file — never another exception. One theory row per kind of mutation.
/// </summary>
public class InputFuzzTests(ITestOutputHelper output)
{
    public const int Seed = 17;

    [Theory]
    [InlineData("truncate")]
    [InlineData("byte flip")]
    [InlineData("insert")]
    [InlineData("encoding")]
    [InlineData("line ends")]
    [InlineData("quoting")]
    [InlineData("columns")]
    [InlineData("ragged")]
    [InlineData("number")]
    [InlineData("repeats")]
    [InlineData("folders")]
    public async Task Every_mutation_reads_reconciled_or_stops_with_one_short_message(string kind)
    {
        var baseline = await FuzzRunner.ReadAsync(MutationCatalog.Base());
        Assert.Empty(baseline.Quarantine.Rows);
        var failures = new List<string>();
        int cases = 0, refused = 0;
        foreach (var c in MutationCatalog.All(Seed).Where(c => c.Kind == kind))
        {
            cases++;
            var outcome = await FuzzRunner.CheckAsync(c, baseline);
            if (outcome.Unreadable) refused++;
            failures.AddRange(outcome.Problems.Select(p => $"{c.Name}: {p}"));
        }
        output.WriteLine($"{kind}: {cases} mutations, {refused} refused as unreadable, {cases - refused} read");
        Assert.True(cases > 0);
        Assert.True(failures.Count == 0, $"{failures.Count} problems in {cases} '{kind}' mutations:\n" + string.Join("\n", failures.Take(40)));
    }
}
