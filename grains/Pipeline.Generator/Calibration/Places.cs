namespace Pipeline.Generator.Calibration;

/// <summary>A province, its share of synthetic clusters, and its prefectures with counties.</summary>
/// <param name="Province">Province (or municipality) name.</param>
/// <param name="Weight">Share of synthetic clusters placed there.</param>
/// <param name="Prefectures">Prefectures with their counties/districts.</param>
internal sealed record Province(string Name, double Weight, (string Prefecture, string[] Counties)[] Prefectures);

/// <summary>Where clusters sit (domain.md: ~90% in the Yangtze River Delta, Pearl River Delta and Bohai Rim; Zhejiang,
/// Jiangsu and Guangdong lead), and the countries of the foreign buyers.</summary>
internal static class Places
{
    /// <summary>Provinces with weights; the first nine (the coastal belt) carry 90% of the weight.</summary>
    public static readonly Province[] Provinces =
    [
        new("Zhejiang", 0.30, [("Wenzhou", ["Lucheng", "Ouhai", "Longwan", "Rui'an", "Yueqing", "Yongjia", "Cangnan"]), ("Shaoxing", ["Zhuji", "Shengzhou", "Keqiao", "Shangyu"]),
            ("Jinhua", ["Yiwu", "Yongkang", "Dongyang", "Wuyi"]), ("Ningbo", ["Yuyao", "Cixi", "Ninghai"]), ("Taizhou", ["Wenling", "Yuhuan", "Huangyan"]), ("Jiaxing", ["Haining", "Tongxiang", "Pinghu"])]),
        new("Jiangsu", 0.20, [("Suzhou", ["Kunshan", "Changshu", "Zhangjiagang", "Wujiang"]), ("Wuxi", ["Jiangyin", "Yixing"]), ("Changzhou", ["Wujin", "Liyang"]), ("Nantong", ["Haimen", "Qidong"])]),
        new("Guangdong", 0.22, [("Dongguan", ["Chang'an", "Humen", "Houjie", "Dalang"]), ("Foshan", ["Shunde", "Nanhai", "Sanshui"]), ("Shantou", ["Chenghai", "Chaoyang"]), ("Zhongshan", ["Guzhen", "Xiaolan"]), ("Shenzhen", ["Bao'an", "Longgang"])]),
        new("Shanghai", 0.04, [("Shanghai", ["Pudong", "Jiading", "Songjiang"])]),
        new("Shandong", 0.08, [("Qingdao", ["Jimo", "Jiaozhou"]), ("Linyi", ["Lanshan", "Yishui"]), ("Weifang", ["Shouguang", "Zhucheng"])]),
        new("Hebei", 0.04, [("Baoding", ["Gaobeidian", "Lixian"]), ("Xingtai", ["Qinghe", "Nangong"])]),
        new("Tianjin", 0.01, [("Tianjin", ["Jinghai", "Wuqing"])]),
        new("Beijing", 0.005, [("Beijing", ["Haidian", "Changping"])]),
        new("Liaoning", 0.005, [("Dalian", ["Jinzhou", "Wafangdian"])]),
        new("Fujian", 0.06, [("Quanzhou", ["Jinjiang", "Shishi", "Nan'an"]), ("Xiamen", ["Tong'an", "Jimei"])]),
        new("Henan", 0.02, [("Zhengzhou", ["Xinzheng", "Gongyi"])]),
        new("Shanxi", 0.02, [("Taiyuan", ["Qingxu", "Gujiao"])]),
    ];

    /// <summary>The weights of <see cref="Provinces"/>, for weighted draws.</summary>
    public static readonly double[] ProvinceWeights = Array.ConvertAll(Provinces, p => p.Weight);

    /// <summary>Countries (ISO 3166 alpha-2) of the foreign buyers: the main export markets.</summary>
    public static readonly string[] ForeignCountries = ["US", "DE", "JP", "IT", "GB", "FR", "KR", "NL", "AE", "RU", "BR", "ES"];
}
