namespace Pipeline.Generator;

/// <summary>Progress of a generation: the stage (<c>clusters</c>, <c>extra_firms</c>, <c>bad_rows</c>), done and total.</summary>
/// <param name="Stage">What is being generated.</param>
/// <param name="Done">Units finished.</param>
/// <param name="Total">Units in all.</param>
public readonly record struct GeneratorProgress(string Stage, long Done, long Total);
