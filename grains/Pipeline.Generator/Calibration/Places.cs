namespace Pipeline.Generator.Calibration;

/// <summary>Where clusters sit (domain.md: ~90% in the Yangtze River Delta, Pearl River Delta and Bohai Rim) and the real clusters of the studies.</summary>
internal static class Places
{
    /// <summary>Province, weight, prefectures with counties.</summary>
    public static readonly (string Province, double Weight, (string Prefecture, string[] Counties)[] Prefectures)[] Provinces =
    [
        ("Zhejiang", 0.30, [("Wenzhou", ["Lucheng", "Ouhai", "Longwan", "Rui'an", "Yueqing", "Yongjia", "Cangnan"]), ("Shaoxing", ["Zhuji", "Shengzhou", "Keqiao", "Shangyu"]),
            ("Jinhua", ["Yiwu", "Yongkang", "Dongyang", "Wuyi"]), ("Ningbo", ["Yuyao", "Cixi", "Ninghai"]), ("Taizhou", ["Wenling", "Yuhuan", "Huangyan"]), ("Jiaxing", ["Haining", "Tongxiang", "Pinghu"])]),
        ("Jiangsu", 0.20, [("Suzhou", ["Kunshan", "Changshu", "Zhangjiagang", "Wujiang"]), ("Wuxi", ["Jiangyin", "Yixing"]), ("Changzhou", ["Wujin", "Liyang"]), ("Nantong", ["Haimen", "Qidong"])]),
        ("Guangdong", 0.22, [("Dongguan", ["Chang'an", "Humen", "Houjie", "Dalang"]), ("Foshan", ["Shunde", "Nanhai", "Sanshui"]), ("Shantou", ["Chenghai", "Chaoyang"]), ("Zhongshan", ["Guzhen", "Xiaolan"])]),
        ("Shanghai", 0.04, [("Shanghai", ["Pudong", "Jiading", "Songjiang"])]),
        ("Shandong", 0.08, [("Qingdao", ["Jimo", "Jiaozhou"]), ("Linyi", ["Lanshan", "Yishui"]), ("Weifang", ["Shouguang", "Zhucheng"])]),
        ("Hebei", 0.04, [("Baoding", ["Gaobeidian", "Lixian"]), ("Xingtai", ["Qinghe", "Nangong"])]),
        ("Tianjin", 0.01, [("Tianjin", ["Jinghai", "Wuqing"])]),
        ("Beijing", 0.005, [("Beijing", ["Haidian", "Changping"])]),
        ("Liaoning", 0.005, [("Dalian", ["Jinzhou", "Wafangdian"])]),
        ("Fujian", 0.06, [("Quanzhou", ["Jinjiang", "Shishi", "Nan'an"]), ("Xiamen", ["Tong'an", "Jimei"])]),
        ("Henan", 0.02, [("Zhengzhou", ["Xinzheng", "Gongyi"])]),
        ("Sichuan", 0.02, [("Chengdu", ["Wuhou", "Pidu"])]),
    ];

    /// <summary>Products with their 2-digit industry divisions (codes are drawn within them so related variety means something).</summary>
    public static readonly (string Product, string[] Codes, string Type, double ExportShare)[] Products =
    [
        ("shoes", ["1952", "1953", "1954", "1921", "2927"], "traditional_sme", 0.35), ("lighters", ["2439", "2431", "3399"], "traditional_sme", 0.7),
        ("eyeglasses", ["3587", "3589", "2929"], "traditional_sme", 0.5), ("buttons", ["2439", "2923", "3399"], "traditional_sme", 0.4),
        ("neckties", ["1762", "1761", "1810"], "traditional_sme", 0.45), ("socks", ["1761", "1762", "1763"], "traditional_sme", 0.4),
        ("small commodities", ["2439", "2411", "2672", "1810"], "traditional_sme", 0.6), ("electronics", ["3971", "3972", "3989", "4011"], "fdi", 0.75),
        ("garments", ["1810", "1820", "1830"], "traditional_sme", 0.4), ("furniture", ["2110", "2120", "2130"], "traditional_sme", 0.3),
        ("auto parts", ["3660", "3670", "3725"], "lead_firm_centred", 0.2), ("ships", ["3731", "3732", "3734"], "lead_firm_centred", 0.3),
        ("software", ["6510", "6520", "6530"], "high_tech", 0.15), ("ceramics", ["3071", "3072", "3079"], "traditional_sme", 0.3),
        ("hardware", ["3311", "3389", "3399"], "traditional_sme", 0.35), ("textiles", ["1711", "1712", "1713"], "traditional_sme", 0.35),
    ];

    /// <summary>Real clusters of the studies (domain.md) with their firm counts.</summary>
    public static readonly (string Id, string Name, string Province, string Prefecture, string County, string Product, int Firms)[] Named =
    [
        ("ZJ-WZ-SHOES", "Wenzhou shoes", "Zhejiang", "Wenzhou", "Lucheng", "shoes", 5000),
        ("ZJ-WZ-LIGHTERS", "Wenzhou lighters", "Zhejiang", "Wenzhou", "Ouhai", "lighters", 260),
        ("ZJ-WZ-EYEGLASSES", "Wenzhou eyeglasses", "Zhejiang", "Wenzhou", "Longwan", "eyeglasses", 500),
        ("ZJ-WZ-BUTTONS", "Qiaotou buttons", "Zhejiang", "Wenzhou", "Yongjia", "buttons", 750),
        ("ZJ-SX-NECKTIES", "Shengzhou neckties", "Zhejiang", "Shaoxing", "Shengzhou", "neckties", 1000),
        ("ZJ-SX-SOCKS", "Zhuji socks", "Zhejiang", "Shaoxing", "Zhuji", "socks", 1500),
        ("ZJ-JH-YIWU", "Yiwu small commodities", "Zhejiang", "Jinhua", "Yiwu", "small commodities", 2000),
    ];
}
