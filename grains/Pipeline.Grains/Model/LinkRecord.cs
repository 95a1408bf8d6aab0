using System.Runtime.InteropServices;

namespace Pipeline.Grains.Model;

/// <summary>One validated link between two firms, by their indices in <see cref="Dataset.Firms"/> (20 bytes, packed).</summary>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
public struct LinkRecord
{
    public int Source;
    public int Target;
    public double Weight;
    public LinkKind Kind;

    public LinkRecord(int source, int target, double weight, LinkKind kind)
    {
        Source = source; Target = target; Weight = weight; Kind = kind;
    }
}
