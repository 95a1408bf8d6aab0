using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Runtime.CompilerServices;

namespace Pipeline.Client.Cli;

/// <summary>A titled group of options in <c>--help</c>; <paramref name="Notes"/> are extra two-column lines (e.g. settings that are not options).</summary>
public sealed record HelpGroup(string Title, IReadOnlyList<Option> Options, IReadOnlyList<(string Name, string Description)>? Notes = null);

/// <summary>
/// Option groups in <c>--help</c> the way <c>dotnet</c> and <c>az</c> show them (System.CommandLine 2.0 has none): a
/// command declares its groups with <see cref="Set"/> next to its options; <see cref="Install"/> makes the help option
/// print them for that command (other commands keep the standard help). Options in no group, and the recursive
/// options of the parents (--help), are listed last under "Other options", so none is ever left out.
/// </summary>
public static class GroupedHelp
{
    private static readonly ConditionalWeakTable<Command, IReadOnlyList<HelpGroup>> Groups = [];

    public static void Set(Command command, params HelpGroup[] groups) => Groups.AddOrUpdate(command, groups);

    public static void Install(RootCommand root)
    {
        var help = root.Options.OfType<HelpOption>().Single();
        help.Action = new GroupedHelpAction((SynchronousCommandLineAction)help.Action!);
    }

    /// <summary>The grouped help of <paramref name="command"/> (reached through <paramref name="path"/>, root first).</summary>
    public static void Write(TextWriter output, IReadOnlyList<Command> path, IReadOnlyList<HelpGroup> groups)
    {
        var command = path[^1];
        output.WriteLine("Description:");
        output.WriteLine($"  {command.Description}");
        output.WriteLine();
        output.WriteLine("Usage:");
        output.WriteLine($"  {string.Join(' ', path.Select(c => c is RootCommand ? "pipeline" : c.Name))}{string.Concat(command.Arguments.Select(a => $" [{a.Name}]"))} [options]");

        var grouped = groups.SelectMany(g => g.Options).ToHashSet();
        var others = command.Options.Where(o => !grouped.Contains(o))
            .Concat(path.Take(path.Count - 1).SelectMany(c => c.Options).Where(o => o.Recursive));
        var sections = groups.Select(g => (g.Title, Rows: g.Options.Where(o => !o.Hidden).Select(Row).Concat(g.Notes ?? []).ToList()))
            .Append((Title: "Other options", Rows: others.Where(o => !o.Hidden).Select(Row).ToList()))
            .Where(s => s.Rows.Count > 0).ToList();
        int width = sections.SelectMany(s => s.Rows).Max(r => r.Name.Length) + 2;
        foreach (var (title, rows) in sections)
        {
            output.WriteLine();
            output.WriteLine($"{title}:");
            foreach (var (name, description) in rows) output.WriteLine($"  {name.PadRight(width)}{description}".TrimEnd());
        }
        output.WriteLine();
    }

    private static (string Name, string Description) Row(Option option)
    {
        var aliases = option.Aliases.Where(a => !a.StartsWith('/')).Append(option.Name).Distinct().OrderBy(a => a.Length).ThenBy(a => a, StringComparer.Ordinal);
        var name = string.Join(", ", aliases);
        if (option.ValueType != typeof(bool) && option.Arity.MaximumNumberOfValues > 0)
        {
            var value = $"<{option.HelpName ?? option.Name.TrimStart('-')}>";
            name += option.Arity.MinimumNumberOfValues == 0 ? $" [{value}]" : $" {value}";
        }
        var description = option.Description ?? "";
        if (option.Required) description += " (REQUIRED)";
        else if (option.HasDefaultValue && option.ValueType != typeof(bool) && option.GetDefaultValue() is { } d) description += $" [default: {d}]";
        return (name, description);
    }

    private sealed class GroupedHelpAction(SynchronousCommandLineAction standard) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parse)
        {
            var path = new List<Command>();
            for (var r = parse.CommandResult; r is not null; r = r.Parent as System.CommandLine.Parsing.CommandResult) path.Insert(0, r.Command);
            if (!Groups.TryGetValue(path[^1], out var groups)) return standard.Invoke(parse);
            Write(System.Console.Out, path, groups);
            return 0;
        }
    }
}
