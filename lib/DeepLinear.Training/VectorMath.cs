using System.Numerics;
using System.Runtime.CompilerServices;

namespace DeepLinear.Training;

/// <summary>
/// Elementwise functions on <see cref="Vector{T}"/> (T = float or double) for the trainer's kernels: a fused
/// multiply-add and the activations. The same code runs on every lane and for the scalar remainder of nothing (buffers
/// are padded to whole vectors), so a value's result depends only on the value, never on where it sits.
/// </summary>
internal static class VectorMath<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>a * b + c with one rounding.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Fma(Vector<T> a, Vector<T> b, Vector<T> c)
    {
        if (typeof(T) == typeof(float))
            return Vector.FusedMultiplyAdd(a.As<T, float>(), b.As<T, float>(), c.As<T, float>()).As<float, T>();
        return Vector.FusedMultiplyAdd(a.As<T, double>(), b.As<T, double>(), c.As<T, double>()).As<double, T>();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Exp(Vector<T> x)
    {
        if (typeof(T) == typeof(float)) return Vector.Exp(x.As<T, float>()).As<float, T>();
        return Vector.Exp(x.As<T, double>()).As<double, T>();
    }

    // Taylor coefficients of tanh(a)/a - 1 in powers of a^2: tanh a = a + a^3 (c_1 + a^2 (c_2 + ...)), with
    // c_k = 2^2k (2^2k - 1) B_2k / (2k)! (B = Bernoulli numbers), i.e. -1/3, 2/15, -17/315, ...
    static readonly double[] TanhSeries =
    [
        -1.0 / 3, 2.0 / 15, -17.0 / 315, 62.0 / 2835, -1382.0 / 155925, 21844.0 / 6081075,
        -929569.0 / 638512875, 6404582.0 / 10854718875, -443861162.0 / 1856156927625,
        18888466084.0 / 194896477400625, -113927491862.0 / 2900518163668125, 58870668456604.0 / 3698160658676859375,
    ];

    /// <summary>
    /// Below this |z| tanh is summed from its Taylor series (|term ratio| &lt; 0.3^2 (2/pi)^2 &lt; 0.04, so 5 terms
    /// reach float's 2^-24 and 12 reach double's 2^-53); above it, (e - 1) / (e + 1) with e = exp(2|z|) &gt;= 1.8 has no
    /// cancellation worse than one bit.
    /// </summary>
    const double SeriesLimit = 0.3;

    /// <summary>Past this |z| tanh rounds to 1 in T (and e would overflow): tanh(10) = 1 - 4e-9, tanh(20) = 1 - 8e-18.</summary>
    static readonly T Saturation = T.CreateChecked(typeof(T) == typeof(float) ? 10.0 : 20.0);

    static readonly int SeriesTerms = typeof(T) == typeof(float) ? 5 : TanhSeries.Length;

    static readonly T[] Series = TanhSeries.Take(SeriesTerms).Select(T.CreateChecked).ToArray();

    /// <summary>tanh(z), odd, within a few ulp of the correctly rounded value (tested against Math.Tanh).</summary>
    public static Vector<T> Tanh(Vector<T> z)
    {
        var a = Vector.Min(Vector.Abs(z), new Vector<T>(Saturation));
        var e = Exp(a + a);
        var large = (e - Vector<T>.One) / (e + Vector<T>.One);
        var a2 = a * a;
        var p = new Vector<T>(Series[SeriesTerms - 1]);
        for (int k = SeriesTerms - 2; k >= 0; k--) p = Fma(p, a2, new Vector<T>(Series[k]));
        var small = Fma(a * a2, p, a);
        var t = Vector.ConditionalSelect(Vector.LessThan(a, new Vector<T>(T.CreateChecked(SeriesLimit))), small, large);
        return Vector.ConditionalSelect(Vector.LessThan(z, Vector<T>.Zero), -t, t);
    }

    /// <summary>sigmoid(z) = 1 / (1 + exp(-z)); exp overflowing to infinity gives 0, the limit.</summary>
    public static Vector<T> Sigmoid(Vector<T> z) => Vector<T>.One / (Vector<T>.One + Exp(-z));
}
