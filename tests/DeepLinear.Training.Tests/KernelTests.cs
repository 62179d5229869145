using System.Numerics;
using DeepLinear.Training;
using Xunit;

namespace DeepLinear.Training.Tests;

/// <summary>The engine's vectorised kernels against plain scalar arithmetic.</summary>
public unsafe class KernelTests
{
    static IEnumerable<double> Arguments()
    {
        foreach (var z in new[] { 0.0, 1e-300, 1e-30, 1e-8, 1e-4, 0.3, 0.34657, 0.5, 1, 5, 9.9, 10, 10.1, 19.9, 20, 25, 1e10, double.MaxValue })
        {
            yield return z;
            yield return -z;
        }
        var random = new Random(3);
        for (int i = 0; i < 20000; i++) yield return (random.NextDouble() - 0.5) * 2 * Math.Pow(10, random.Next(-6, 2));
    }

    static double UlpError(double got, double exact, bool single) =>
        single
            ? Math.Abs(got - exact) / Math.Max(float.Epsilon, MathF.BitIncrement(MathF.Abs((float)exact)) - MathF.Abs((float)exact))
            : Math.Abs(got - exact) / Math.Max(double.Epsilon, Math.BitIncrement(Math.Abs(exact)) - Math.Abs(exact));

    static double MaxUlpError<T>(Func<Vector<T>, Vector<T>> f, Func<double, double> exact) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var args = Arguments().Select(T.CreateSaturating).ToArray();
        double worst = 0;
        for (int i = 0; i + Vector<T>.Count <= args.Length; i += Vector<T>.Count)
        {
            var got = f(new Vector<T>(args.AsSpan(i, Vector<T>.Count)));
            for (int j = 0; j < Vector<T>.Count; j++)
            {
                double z = double.CreateChecked(args[i + j]);
                worst = Math.Max(worst, UlpError(double.CreateChecked(got[j]), exact(z), typeof(T) == typeof(float)));
            }
        }
        return worst;
    }

    [Fact]
    public void Double_tanh_is_within_four_ulp_of_Math_Tanh()
    {
        // The series' truncation error is below half an ulp and the reduction by ln 2 is exact to double's precision,
        // so what is left is the rounding of the scaling, the sums and the division, and up to about a bit of
        // cancellation in 2^n q + (2^n - 1) where n turns from 0 to 1 (measured: 3 ulp against Math.Tanh, itself
        // within an ulp).
        Assert.InRange(MaxUlpError<double>(VectorMath<double>.Tanh, Math.Tanh), 0, 4);
    }

    [Fact]
    public void Float_tanh_is_within_six_ulp_of_the_correctly_rounded_value_and_never_beyond_one()
    {
        // The rational form's own error is 2.1e-8 relative (a third of an ulp); its float evaluation rounds eight
        // multiply-adds in two Horner chains, two products and a quotient, whose relative errors add up to about
        // 5 ulp where the result is near 1 (measured: 5.15 on a grid of step 1e-4 over [0, 9]). Math.Tanh in double is
        // the exact value here: its error, an ulp of double, is 2^-29 of an ulp of float.
        var grid = Enumerable.Range(0, 90001).Select(i => i * 1e-4).SelectMany(z => new[] { z, -z });
        double worst = 0, largest = 0;
        var args = Arguments().Concat(grid).Select(z => (float)z).ToArray();
        for (int i = 0; i + Vector<float>.Count <= args.Length; i += Vector<float>.Count)
        {
            var got = VectorMath<float>.Tanh(new Vector<float>(args.AsSpan(i, Vector<float>.Count)));
            for (int j = 0; j < Vector<float>.Count; j++)
            {
                worst = Math.Max(worst, UlpError(got[j], Math.Tanh(args[i + j]), single: true));
                largest = Math.Max(largest, Math.Abs(got[j]));
            }
        }
        Assert.InRange(worst, 0, 6);
        Assert.Equal(1.0, largest);
    }

    [Fact]
    public void Float_tanh_is_bitwise_its_portable_form()
    {
        // Where AVX-512 DQ is there, Tanh bounds magnitudes with VRANGEPS on the signed argument; the portable form
        // bounds |z| by compare and select and copies z's sign. They must agree in every bit, NaN and -0 included, so
        // that a trajectory does not depend on the CPU's instruction set (elsewhere Tanh is the portable form itself).
        static Vector<float> Portable(Vector<float> z)
        {
            var abs = Vector.Abs(z);
            var t = VectorMath<float>.RationalOdd(Vector.ConditionalSelect(Vector.GreaterThan(abs, new Vector<float>(9f)), new Vector<float>(9f), abs));
            return Vector.CopySign(Vector.ConditionalSelect(Vector.GreaterThan(t, Vector<float>.One), Vector<float>.One, t), z);
        }
        var special = new[] { 0f, -0f, float.Epsilon, -float.Epsilon, 1e-30f, 8.999999f, 9f, 9.000001f, 1e30f, float.MaxValue,
            float.PositiveInfinity, float.NegativeInfinity, float.NaN, -float.NaN };
        var grid = Enumerable.Range(-120000, 240001).Select(i => i * 1e-4f);
        var args = special.Concat(grid).ToArray();
        int mismatches = 0;
        for (int i = 0; i + Vector<float>.Count <= args.Length; i += Vector<float>.Count)
        {
            var z = new Vector<float>(args.AsSpan(i, Vector<float>.Count));
            var got = VectorMath<float>.Tanh(z);
            var expected = Portable(z);
            for (int j = 0; j < Vector<float>.Count; j++)
            {
                bool same = float.IsNaN(got[j])
                    ? float.IsNaN(expected[j])
                    : BitConverter.SingleToInt32Bits(got[j]) == BitConverter.SingleToInt32Bits(expected[j]);
                if (!same) mismatches++;
            }
        }
        Assert.Equal(0, mismatches);
    }

    [Fact]
    public void Tanh_of_NaN_is_NaN()
    {
        // Before and after the JIT's tier-1 recompilation (30 calls, then a background compile once calls pause):
        // a hardware min in the optimised code would turn NaN into ±1.
        foreach (var _ in AcrossTiers())
        {
            Assert.True(double.IsNaN(VectorMath<double>.Tanh(new Vector<double>(double.NaN))[0]));
            Assert.True(float.IsNaN(VectorMath<float>.Tanh(new Vector<float>(float.NaN))[0]));
        }
    }

    /// <summary>Rounds of 1000 calls with pauses between them, long enough for tiered compilation to install tier 1.</summary>
    static IEnumerable<int> AcrossTiers()
    {
        for (int round = 0; round < 4; round++)
        {
            for (int call = 0; call < 1000; call++) yield return call;
            Thread.Sleep(250);
        }
    }

    [Fact]
    public void ReLU_keeps_NaN_and_maps_negatives_to_zero()
    {
        foreach (var _ in AcrossTiers())
        {
            Assert.True(float.IsNaN(ReluKernel<float>.Forward(new Vector<float>(float.NaN), null, 0)[0]));
            Assert.Equal(0f, ReluKernel<float>.Forward(new Vector<float>(-2f), null, 0)[0]);
            Assert.Equal(3.0, ReluKernel<double>.Forward(new Vector<double>(3.0), null, 0)[0]);
        }
    }

    [Fact]
    public void Sigmoid_is_within_four_ulp_of_its_closed_form()
    {
        // One exp (within about 1 ulp), one add and one division, each rounding once; the exact value in double.
        static double Exact(double z) => 1 / (1 + Math.Exp(-z));
        Assert.InRange(MaxUlpError<float>(VectorMath<float>.Sigmoid, Exact), 0, 4);
        Assert.InRange(MaxUlpError<double>(VectorMath<double>.Sigmoid, z => z < -700 ? Math.Exp(z) : Exact(z)), 0, 4);
    }

    static NativeBuffer<double> Random(long length, int seed)
    {
        var buffer = new NativeBuffer<double>(length);
        var random = new Random(seed);
        for (long i = 0; i < length; i++) buffer.Pointer[i] = random.NextDouble() - 0.5;
        return buffer;
    }

    [Theory]
    [InlineData(1, 1, 1, false)]
    [InlineData(4, 5, 2, true)]
    [InlineData(7, 33, 3, false)]
    [InlineData(9, 32, 4, true)]
    [InlineData(6, 17, 6, true)]
    [InlineData(3, 2, 5, false)]
    public void Product_is_the_sum_of_products(int m, int k, int vectors, bool transposedA)
    {
        int V = Vector<double>.Count, ldb = vectors * V + V, ldc = vectors * V, lda = transposedA ? m : k;
        using var a = Random((long)m * k, 1);
        using var b = Random((long)k * ldb, 2);
        using var init = Random(ldc, 3);
        using var c = new NativeBuffer<double>((long)m * ldc);
        int aRow = transposedA ? 1 : lda, aSum = transposedA ? lda : 1;
        Kernels<double>.Product(c.Pointer, ldc, a.Pointer, aRow, aSum, b.Pointer, ldb, m, k, vectors, init.Pointer);
        for (int i = 0; i < m; i++)
            for (int j = 0; j < ldc; j++)
            {
                double exact = init.Pointer[j], magnitude = Math.Abs(exact);
                for (int s = 0; s < k; s++)
                {
                    double term = a.Pointer[i * aRow + s * aSum] * b.Pointer[s * ldb + j];
                    exact += term;
                    magnitude += Math.Abs(term);
                }
                // A chain of k + 1 roundings: |error| <= (k + 1) eps sum |terms| (the standard dot-product bound).
                Assert.InRange(Math.Abs(c.Pointer[i * ldc + j] - exact), 0, (k + 1) * 1.2e-16 * magnitude);
            }
    }

    [Theory]
    [InlineData(6, 2)]
    [InlineData(5, 5)]
    public void Product_add_over_blocks_of_rows_is_bitwise_one_product(int m, int vectors)
    {
        const int n = 37;
        int V = Vector<double>.Count, ld = vectors * V;
        using var g = Random(n * 8L, 4);
        using var x = Random(n * (long)ld, 5);
        using var whole = new NativeBuffer<double>(m * (long)ld);
        using var blocks = new NativeBuffer<double>(m * (long)ld);
        Kernels<double>.Product(whole.Pointer, ld, g.Pointer, 1, 8, x.Pointer, ld, m, n, vectors, null);
        foreach (var (start, rows) in new[] { (0, 4), (4, 13), (17, 1), (18, 19) })
            Kernels<double>.ProductAdd(blocks.Pointer, ld, g.Pointer + start * 8L, 1, 8, x.Pointer + start * (long)ld, ld, m, rows, vectors);
        Assert.Equal(whole.Span.ToArray(), blocks.Span.ToArray());
    }

    [Theory]
    [InlineData(37, 1)]
    [InlineData(37, 6)]
    public void Column_sums_add_each_row_in_order(int m, int vectors)
    {
        // Each sum is one chain of additions over the rows in ascending order, whichever vectors run side by side:
        // bitwise the scalar loop.
        int ld = vectors * Vector<double>.Count + Vector<double>.Count;
        int width = vectors * Vector<double>.Count;
        using var a = Random(m * (long)ld, 8);
        using var sums = Random(width, 9);
        var expected = sums.Span.ToArray();
        for (int i = 0; i < m; i++)
            for (int j = 0; j < width; j++) expected[j] += a.Pointer[i * ld + j];
        Kernels<double>.ColumnSumsAdd(sums.Pointer, a.Pointer, ld, m, vectors);
        Assert.Equal(expected, sums.Span.ToArray());
    }

    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(2)]
    public void Single_output_backward_is_bitwise_its_two_products(int vectors)
    {
        // A layer with one output unit: the fused pass must give the same bits as the weight-gradient product
        // (ProductAdd over the rows) and the gradient-below product (k = 1, with the Tanh derivative), each on its own.
        const int m = 29, ldg = 4;
        int V = Vector<double>.Count, ld = vectors * V;
        using var g = Random(m * (long)ldg, 10);
        using var input = Random(m * (long)ld, 11);
        using var h = Random(m * (long)ld, 12);
        using var w = Random(ld, 13);
        using var gwFused = Random(ld, 14);
        using var gwApart = new NativeBuffer<double>(ld);
        gwFused.Span.CopyTo(gwApart.Span);
        using var belowFused = new NativeBuffer<double>(m * (long)ld);
        using var belowApart = new NativeBuffer<double>(m * (long)ld);
        var derivative = new TimesDerivativeOf<double, TanhKernel<double>>(h.Pointer, null);
        Kernels<double>.SingleOutputBackward(gwFused.Pointer, g.Pointer, ldg, input.Pointer, ld, w.Pointer, belowFused.Pointer, ld, m, vectors, derivative);
        Kernels<double>.ProductAdd(gwApart.Pointer, ld, g.Pointer, 1, ldg, input.Pointer, ld, 1, m, vectors);
        Kernels<double>.Product(belowApart.Pointer, ld, g.Pointer, ldg, 1, w.Pointer, ld, m, 1, vectors, null, derivative);
        Assert.Equal(gwApart.Span.ToArray(), gwFused.Span.ToArray());
        Assert.Equal(belowApart.Span.ToArray(), belowFused.Span.ToArray());
        Assert.NotEqual(0.0, belowFused.Pointer[(m - 1) * (long)ld + ld - 1]);
    }

    [Fact]
    public void Row_dots_are_dot_products()
    {
        const int m = 5, vectors = 3;
        int ld = vectors * Vector<double>.Count;
        using var a = Random(m * (long)ld, 6);
        using var w = Random(ld, 7);
        using var c = new NativeBuffer<double>(m * 2L);
        Kernels<double>.RowDots(c.Pointer, 2, a.Pointer, ld, w.Pointer, m, vectors, 0.25);
        for (int i = 0; i < m; i++)
        {
            double exact = 0.25, magnitude = 0.25;
            for (int j = 0; j < ld; j++)
            {
                exact += a.Pointer[i * ld + j] * w.Pointer[j];
                magnitude += Math.Abs(a.Pointer[i * ld + j] * w.Pointer[j]);
            }
            // ld + 1 roundings, as for any dot product.
            Assert.InRange(Math.Abs(c.Pointer[i * 2] - exact), 0, (ld + 1) * 1.2e-16 * magnitude);
            Assert.Equal(0, c.Pointer[i * 2 + 1]);
        }
    }
}
