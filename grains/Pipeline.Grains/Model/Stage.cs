namespace Pipeline.Grains.Model;

/// <summary>
/// A firm's value-chain stage (contract: <c>firms.value_chain_stage</c>), stored in one byte;
/// <see cref="None"/> when the field is empty.
/// </summary>
public enum Stage : byte { Materials, Components, Processing, Assembly, Branding, DesignRnd, Distribution, None = 255 }

/// <summary>Contract spellings of <see cref="Stage"/>.</summary>
public static class Stages
{
    public const int Count = 7;

    public static bool TryParse(ReadOnlySpan<char> text, out Stage value)
    {
        switch (text)
        {
            case "materials": value = Stage.Materials; return true;
            case "components": value = Stage.Components; return true;
            case "processing": value = Stage.Processing; return true;
            case "assembly": value = Stage.Assembly; return true;
            case "branding": value = Stage.Branding; return true;
            case "design_rnd": value = Stage.DesignRnd; return true;
            case "distribution": value = Stage.Distribution; return true;
            default: value = Stage.None; return false;
        }
    }

    /// <summary>Low end of the value chain: OEM processing and assembly.</summary>
    public static bool IsLowEnd(this Stage s) => s is Stage.Processing or Stage.Assembly;

    /// <summary>High-value stages: design/R&amp;D, branding, distribution.</summary>
    public static bool IsHighValue(this Stage s) => s is Stage.DesignRnd or Stage.Branding or Stage.Distribution;
}
