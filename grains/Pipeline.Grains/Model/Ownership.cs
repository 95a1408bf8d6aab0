namespace Pipeline.Grains.Model;

/// <summary>Ownership of a firm (contract: <c>firms.ownership</c>); <see cref="Unknown"/> when empty.</summary>
public enum Ownership : byte { Unknown, Private, Collective, State, Foreign, Hmt }

/// <summary>Contract spellings of <see cref="Ownership"/>.</summary>
public static class Ownerships
{
    public static bool TryParse(ReadOnlySpan<char> text, out Ownership value)
    {
        switch (text)
        {
            case "private": value = Ownership.Private; return true;
            case "collective": value = Ownership.Collective; return true;
            case "state": value = Ownership.State; return true;
            case "foreign": value = Ownership.Foreign; return true;
            case "hmt": value = Ownership.Hmt; return true;
            default: value = Ownership.Unknown; return false;
        }
    }
}
