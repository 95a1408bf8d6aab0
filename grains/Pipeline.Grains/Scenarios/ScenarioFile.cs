using System.Text.Json;

namespace Pipeline.Grains.Scenarios;

/// <summary>A <c>--scenarios</c> file that cannot be used: one message saying why (the CLI exits 2, nothing is written).</summary>
public sealed class ScenarioFileException(string message) : ArgumentException(message);

/// <summary>
/// Reads the user scenarios of <c>run --scenarios FILE</c>: a JSON list of <c>{"name": "…", "firms": [id, …]}</c>.
/// Names are <c>[a-z0-9_]{1,64}</c>, unique and not a built-in name; firms a non-empty list of int64 ids (repeats
/// are dropped). Whether each firm exists is checked against the input once it is read
/// (<see cref="CheckFirms"/>). Every problem is a <see cref="ScenarioFileException"/> naming the file and the entry.
/// </summary>
public static class ScenarioFile
{
    public static IReadOnlyList<UserScenario> Read(string path)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ScenarioFileException($"--scenarios {path}: cannot be read ({e.Message}).");
        }
        return Parse(text, path);
    }

    public static IReadOnlyList<UserScenario> Parse(string json, string source)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(json); }
        catch (JsonException e)
        {
            throw new ScenarioFileException($"--scenarios {source}: not valid JSON ({e.Message}).");
        }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Array)
                throw new ScenarioFileException($"--scenarios {source}: expected a JSON list of {{\"name\": \"…\", \"firms\": [id, …]}}, got a {Kind(doc.RootElement)}.");
            var result = new List<UserScenario>();
            var names = new HashSet<string>(StringComparer.Ordinal);
            int index = 0;
            foreach (var e in doc.RootElement.EnumerateArray())
            {
                var at = $"--scenarios {source}: entry {index++}";
                if (e.ValueKind != JsonValueKind.Object) throw new ScenarioFileException($"{at} is a {Kind(e)}, not an object {{\"name\": \"…\", \"firms\": [id, …]}}.");
                if (!e.TryGetProperty("name", out var n) || n.ValueKind != JsonValueKind.String) throw new ScenarioFileException($"{at} has no string \"name\".");
                var name = n.GetString()!;
                at += $" (\"{name}\")";
                if (!ScenarioNames.IsValid(name)) throw new ScenarioFileException($"{at}: a name must match [a-z0-9_]{{1,64}}.");
                if (ScenarioNames.IsBuiltIn(name)) throw new ScenarioFileException($"{at}: \"{name}\" is a built-in scenario; choose another name.");
                if (!names.Add(name)) throw new ScenarioFileException($"{at}: the name \"{name}\" is used twice.");
                if (!e.TryGetProperty("firms", out var f) || f.ValueKind != JsonValueKind.Array) throw new ScenarioFileException($"{at} has no list \"firms\".");
                var firms = new List<long>();
                foreach (var id in f.EnumerateArray())
                {
                    if (id.ValueKind != JsonValueKind.Number || !id.TryGetInt64(out var v))
                        throw new ScenarioFileException($"{at}: firm id {id.GetRawText()} is not an int64.");
                    firms.Add(v);
                }
                if (firms.Count == 0) throw new ScenarioFileException($"{at}: \"firms\" is empty.");
                foreach (var p in e.EnumerateObject())
                    if (p.Name is not ("name" or "firms")) throw new ScenarioFileException($"{at}: unknown field \"{p.Name}\" (only \"name\" and \"firms\").");
                var sorted = firms.ToArray();
                Array.Sort(sorted);
                int k = 0;
                for (int i = 0; i < sorted.Length; i++) if (i == 0 || sorted[i] != sorted[i - 1]) sorted[k++] = sorted[i];
                result.Add(new UserScenario(name, sorted[..k]));
            }
            return result;
        }
    }

    /// <summary>Throws a <see cref="ScenarioFileException"/> for the first scenario firm that is not in <paramref name="firmIds"/> (sorted ascending).</summary>
    public static void CheckFirms(IReadOnlyList<UserScenario> scenarios, ReadOnlySpan<long> firmIds)
    {
        foreach (var s in scenarios)
            foreach (var id in s.Firms)
                if (firmIds.BinarySearch(id) < 0)
                    throw new ScenarioFileException($"--scenarios: scenario \"{s.Name}\" names firm {id}, which is not in the input's firms table (or was quarantined).");
    }

    private static string Kind(JsonElement e) => e.ValueKind.ToString().ToLowerInvariant();
}
