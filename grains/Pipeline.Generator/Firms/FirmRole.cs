namespace Pipeline.Generator.Firms;

/// <summary>A cluster firm's role in the generated network.</summary>
internal enum FirmRole : byte
{
    /// <summary>An ordinary small or medium firm.</summary>
    Ordinary,
    /// <summary>A hub lead firm (large, assembly or branding) that many firms supply or work for.</summary>
    Lead,
    /// <summary>A specialised-market trader (distribution, <c>in_specialized_market</c>) selling many firms' goods.</summary>
    Trader,
}
