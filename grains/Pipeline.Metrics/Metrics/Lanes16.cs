using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Pipeline.Metrics;

/// <summary>
/// 16 doubles in two 512-bit vectors — lane b holds source b of a <see cref="BatchedBrandesWorkspace"/> batch — with
/// the masked arithmetic the batched Brandes passes need; a 16-lane mask is a vector of 16-bit all-ones/zero lanes,
/// widened to 64-bit lanes by sign extension (AVX-512 VPMOVSXWQ).
/// </summary>
internal struct Lanes16
{
    public Vector512<double> Lo, Hi;

    public static Lanes16 Zero => default;
    public static Lanes16 One => new() { Lo = Vector512<double>.One, Hi = Vector512<double>.One };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes16 operator +(Lanes16 a, Lanes16 b) => new() { Lo = a.Lo + b.Lo, Hi = a.Hi + b.Hi };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes16 operator *(Lanes16 a, Lanes16 b) => new() { Lo = a.Lo * b.Lo, Hi = a.Hi * b.Hi };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes16 Reciprocal(Lanes16 a) => new() { Lo = Vector512<double>.One / a.Lo, Hi = Vector512<double>.One / a.Hi };

    /// <summary>The lanes whose 16-bit mask is set, 0 elsewhere.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes16 Masked(Lanes16 a, Vector256<ushort> mask) => new()
    {
        Lo = a.Lo & Avx512F.ConvertToVector512Int64(mask.GetLower().AsInt16()).AsDouble(),
        Hi = a.Hi & Avx512F.ConvertToVector512Int64(mask.GetUpper().AsInt16()).AsDouble(),
    };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes16 Select(Vector256<ushort> mask, Lanes16 a, Lanes16 b) => new()
    {
        Lo = Vector512.ConditionalSelect(Avx512F.ConvertToVector512Int64(mask.GetLower().AsInt16()).AsDouble(), a.Lo, b.Lo),
        Hi = Vector512.ConditionalSelect(Avx512F.ConvertToVector512Int64(mask.GetUpper().AsInt16()).AsDouble(), a.Hi, b.Hi),
    };

    public static double Sum(Lanes16 a) => Vector512.Sum(a.Lo + a.Hi);

    public readonly Lanes16 With(int lane, double x) => lane < 8
        ? new() { Lo = Lo.WithElement(lane, x), Hi = Hi }
        : new() { Lo = Lo, Hi = Hi.WithElement(lane - 8, x) };
}
