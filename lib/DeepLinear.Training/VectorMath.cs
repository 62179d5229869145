using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

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

    // The exponential form of Tanh, its saturation and its series serve double only: float takes RationalTanh.

    /// <summary>Past this |z| double's tanh rounds to 1: tanh(20) = 1 − 8e-18.</summary>
    static readonly T Saturation = T.CreateChecked(20.0);

    static readonly T Log2E = T.CreateChecked(1 / Math.Log(2));

    // ln 2 split as hi + lo, hi = ln 2 rounded to T, so that r = x - n ln 2 is exact to T's precision (Cody-Waite).
    static readonly T Ln2Hi = T.CreateChecked(Math.Log(2));
    static readonly T Ln2Lo = T.CreateChecked(Math.Log(2) - double.CreateChecked(Ln2Hi));

    /// <summary>
    /// 1/k! for k = 1..K: exp(r) − 1 = r + r²/2! + … on |r| ≤ ln2/2, truncated where the next term is below
    /// half an ulp of the sum: (ln2/2)^14/14! = 4e-18 for double (K = 13).
    /// </summary>
    static readonly T[] Expm1Series = Enumerable.Range(1, 13)
        .Select(k => T.CreateChecked(1 / Enumerable.Range(1, k).Aggregate(1.0, (f, i) => f * i))).ToArray();

    /// <summary>
    /// exp(x) − 1 for 0 ≤ x ≤ 2 Saturation, accurate relative to the result also near 0: with x = n ln2 + r,
    /// exp(x) − 1 = 2ⁿ(exp(r) − 1) + (2ⁿ − 1), and exp(r) − 1 is summed from its series without the leading 1.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static Vector<T> Expm1(Vector<T> x)
    {
        var n = Round(x * new Vector<T>(Log2E));
        var r = Fma(-n, new Vector<T>(Ln2Hi), x);
        r = Fma(-n, new Vector<T>(Ln2Lo), r);
        var series = Expm1Series;
        var q = new Vector<T>(series[^1]);
        for (int k = series.Length - 2; k >= 0; k--) q = Fma(q, r, new Vector<T>(series[k]));
        q *= r;
        var scale = PowerOfTwo(n);
        return Fma(scale, q, scale - Vector<T>.One);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static Vector<T> Round(Vector<T> x)
    {
        if (typeof(T) == typeof(float)) return Vector.Round(x.As<T, float>()).As<float, T>();
        return Vector.Round(x.As<T, double>()).As<double, T>();
    }

    /// <summary>2^n for integral n well inside the exponent range, built from its bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static Vector<T> PowerOfTwo(Vector<T> n)
    {
        if (typeof(T) == typeof(float))
            return Vector.ShiftLeft(Vector.ConvertToInt32(n.As<T, float>()) + new Vector<int>(127), 23).As<int, T>();
        return Vector.ShiftLeft(Vector.ConvertToInt64(n.As<T, double>()) + new Vector<long>(1023), 52).As<long, T>();
    }

    /// <summary>
    /// tanh(z). For float a rational function (<see cref="RationalTanh"/>); for double e / (e + 2) with
    /// e = exp(2|z|) − 1 and z's sign: no cancellation anywhere, so within a few ulp of the correctly rounded value
    /// (tested against Math.Tanh); |z| is clamped where tanh has rounded to 1.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Tanh(Vector<T> z)
    {
        if (typeof(T) == typeof(float)) return RationalTanh(z.As<T, float>()).As<float, T>();
        // A compare-and-select, not Vector.Min: the JIT's Min returns the bound for NaN once it uses the hardware
        // instruction (tier 1) but NaN before (tier 0), so a diverged net would read tanh = ±1 and look trapped.
        var saturation = new Vector<T>(Saturation);
        var abs = Vector.Abs(z);
        var a = Vector.ConditionalSelect(Vector.GreaterThan(abs, saturation), saturation, abs);
        var e = Expm1(a + a);
        return Vector.CopySign(e / (e + new Vector<T>(T.CreateChecked(2))), z);
    }

    /// <summary>Past this |z| float's tanh is within an ulp of 1 (tanh 9 = 1 − 3.0e-8) and the rational form stays put.</summary>
    const float RationalClamp = 9f;

    /// <summary>
    /// tanh a = a P(a²) / Q(a²) on a = min(|z|, 9) with z's sign, P and Q of degree 4 with P(0) = Q(0) = 1, then at
    /// most 1 in magnitude. The coefficients minimise the largest relative error on [0, 9]
    /// (<c>scripts/fit_tanh.py</c>: a Lawson-weighted least-squares fit, 2.1e-8 in exact arithmetic, a third of an
    /// ulp; P of degree 5 reached 1.3e-9 for one more multiply-add a value); with the float rounding of the two Horner
    /// chains and the division, measured within 6 ulp of the correctly rounded value. The bound 1 keeps 1 − tanh² ≥ 0,
    /// which rounding alone would break just below 9. About a third of the exponential form's operations: the cost of
    /// Tanh nets' steps in float32.
    /// </summary>
    /// <remarks>
    /// a P(a²) / Q(a²) is odd and rounds symmetrically, so evaluating it on the signed a and bounding the result's
    /// magnitude gives bitwise what evaluating on |a| and copying z's sign gives. With AVX-512 DQ and 256-bit vectors
    /// (the default there) each bound is one VRANGEPS instead of an absolute value, a compare and a select, and one
    /// compare-and-select puts back the NaN that VRANGEPS drops: a Tanh net's float32 step (5 -> 32 -> 32 -> 1,
    /// n = 1000) took 95 us instead of 102. Elsewhere the same values come from the compare-and-select form, which keeps
    /// NaN for the reason given at <see cref="Tanh"/>.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static Vector<float> RationalTanh(Vector<float> z)
    {
        if (Vector<float>.Count == 8 && Avx512DQ.VL.IsSupported)
        {
            // Control 2: the operand of smaller magnitude, with the first operand's sign. VRANGEPS returns the other
            // operand for a NaN one, so NaN is put back at the end.
            var r = Avx512DQ.VL.Range(z.AsVector256(), Vector256.Create(RationalClamp), 2);
            var bounded = Avx512DQ.VL.Range(RationalOdd(r.AsVector()).AsVector256(), Vector256<float>.One, 2).AsVector();
            return Vector.ConditionalSelect(Vector.Equals(z, z), bounded, z);
        }
        var c = new Vector<float>(RationalClamp);
        var abs = Vector.Abs(z);
        var t = RationalOdd(Vector.ConditionalSelect(Vector.GreaterThan(abs, c), c, abs));
        return Vector.CopySign(Vector.ConditionalSelect(Vector.GreaterThan(t, Vector<float>.One), Vector<float>.One, t), z);
    }

    /// <summary>a P(a²) / Q(a²) of <see cref="RationalTanh"/>, for |a| ≤ 9.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector<float> RationalOdd(Vector<float> a)
    {
        var x2 = a * a;
        var p = Vector.FusedMultiplyAdd(new Vector<float>(1.3419834132832875e-08f), x2, new Vector<float>(2.0661271264543757e-05f));
        p = Vector.FusedMultiplyAdd(p, x2, new Vector<float>(0.0034989966079592705f));
        p = Vector.FusedMultiplyAdd(p, x2, new Vector<float>(0.13383980095386505f));
        p = Vector.FusedMultiplyAdd(p, x2, Vector<float>.One);
        var q = Vector.FusedMultiplyAdd(new Vector<float>(7.804734423189075e-07f), x2, new Vector<float>(0.00032910393201746047f));
        q = Vector.FusedMultiplyAdd(q, x2, new Vector<float>(0.025890208780765533f));
        q = Vector.FusedMultiplyAdd(q, x2, new Vector<float>(0.4671730101108551f));
        q = Vector.FusedMultiplyAdd(q, x2, Vector<float>.One);
        return a * p / q;
    }

    /// <summary>sigmoid(z) = 1 / (1 + exp(-z)); exp overflowing to infinity gives 0, the limit.</summary>
    public static Vector<T> Sigmoid(Vector<T> z) => Vector<T>.One / (Vector<T>.One + Exp(-z));
}
