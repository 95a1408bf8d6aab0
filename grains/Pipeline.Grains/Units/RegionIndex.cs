using Pipeline.Grains.Model;

namespace Pipeline.Grains.Units;

/// <summary>The four region levels of region_metrics, in the order they are listed.</summary>
public enum RegionLevel { County, Prefecture, Province, Nation }

/// <summary>
/// Regions of every level and the region of each cluster at each level (a cluster belongs to the region of its row
/// in <c>clusters</c>). A region's name is its path <c>province/prefecture/county</c> down to its level; the nation is <c>CN</c>.
/// </summary>
public sealed class RegionIndex
{
    public const int Levels = 4;

    private readonly int[] _clusterRegion; // [cluster * Levels + level] → region id

    public RegionIndex(IReadOnlyList<ClusterRecord> clusters)
    {
        var ids = new Dictionary<(RegionLevel, string), int>();
        var names = new List<(RegionLevel Level, string Name)>();
        _clusterRegion = new int[clusters.Count * Levels];
        for (int c = 0; c < clusters.Count; c++)
        {
            var k = clusters[c];
            for (int l = 0; l < Levels; l++)
            {
                var level = (RegionLevel)l;
                var name = PathOf(k, level);
                if (!ids.TryGetValue((level, name), out var id))
                {
                    id = names.Count;
                    ids.Add((level, name), id);
                    names.Add((level, name));
                }
                _clusterRegion[c * Levels + l] = id;
            }
        }
        Regions = names;
    }

    /// <summary>All regions by id: level and path name.</summary>
    public IReadOnlyList<(RegionLevel Level, string Name)> Regions { get; }

    public int Count => Regions.Count;

    /// <summary>Region id of cluster <paramref name="cluster"/> at <paramref name="level"/>.</summary>
    public int RegionOf(int cluster, RegionLevel level) => _clusterRegion[cluster * Levels + (int)level];

    public static string LevelName(RegionLevel level) => level switch
    {
        RegionLevel.County => "county",
        RegionLevel.Prefecture => "prefecture",
        RegionLevel.Province => "province",
        _ => "nation",
    };

    public static string PathOf(ClusterRecord c, RegionLevel level) => level switch
    {
        RegionLevel.Nation => "CN",
        RegionLevel.Province => c.Province,
        RegionLevel.Prefecture => c.Province + "/" + c.Prefecture,
        _ => c.Province + "/" + c.Prefecture + "/" + c.County,
    };
}
