namespace Pipeline.Generator.Calibration;

/// <summary>A cluster's main product: its 4-character industry codes (a few related 2-digit divisions, so related
/// variety is meaningful), the usual cluster type and export share.</summary>
/// <param name="Name">The product (clusters.csv <c>main_product</c>).</param>
/// <param name="Codes">Industry codes drawn for the cluster's firms.</param>
/// <param name="Type">Typical cluster type.</param>
/// <param name="ExportShare">Typical export share of revenue.</param>
internal sealed record Product(string Name, string[] Codes, string Type, double ExportShare);

/// <summary>The products of the clusters (domain.md's case studies and common Chinese cluster industries).</summary>
internal static class Products
{
    /// <summary>All products; the named clusters' products come first.</summary>
    public static readonly Product[] All =
    [
        new("shoes", ["1952", "1953", "1954", "1921", "2927"], "traditional_sme", 0.35),
        new("lighters", ["2439", "2431", "3399"], "traditional_sme", 0.75),
        new("eyeglasses", ["3587", "3589", "2929"], "traditional_sme", 0.55),
        new("buttons", ["2439", "2923", "3399"], "traditional_sme", 0.40),
        new("neckties", ["1762", "1761", "1810"], "traditional_sme", 0.50),
        new("socks", ["1761", "1762", "1763"], "traditional_sme", 0.45),
        new("small commodities", ["2439", "2411", "2672", "1810"], "traditional_sme", 0.60),
        new("electronics", ["3971", "3972", "3989", "4011"], "fdi", 0.75),
        new("garments", ["1810", "1820", "1830"], "traditional_sme", 0.40),
        new("furniture", ["2110", "2120", "2130"], "traditional_sme", 0.30),
        new("auto parts", ["3660", "3670", "3725"], "lead_firm_centred", 0.15),
        new("ships", ["3731", "3732", "3734"], "lead_firm_centred", 0.30),
        new("software", ["6510", "6520", "6530"], "high_tech", 0.15),
        new("ceramics", ["3071", "3072", "3079"], "traditional_sme", 0.30),
        new("hardware", ["3311", "3389", "3399"], "traditional_sme", 0.35),
        new("textiles", ["1711", "1712", "1713"], "traditional_sme", 0.35),
        new("photovoltaics", ["3825", "3985", "3562"], "high_tech", 0.65),
        new("coal chemicals", ["0610", "0620", "2520", "2614"], "lead_firm_centred", 0.05),
        new("toys", ["2451", "2452", "2929"], "fdi", 0.70),
    ];

    /// <summary>The product of that name.</summary>
    public static Product Named(string name) => Array.Find(All, p => p.Name == name) ?? throw new ArgumentException(name);
}
