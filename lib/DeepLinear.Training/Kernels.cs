using System.Numerics;
using System.Runtime.CompilerServices;

namespace DeepLinear.Training;

/// <summary>
/// The matrix kernels of a training step, on row-major buffers whose rows are padded to whole vectors. Every output
/// element is one chain of fused multiply-adds in a fixed order (the summation index ascending), whichever register
/// block computes it, so results are bitwise the same whatever a buffer's size or neighbours. Compiled fully optimised
/// at the first call, not tiered up (the reason is in the remarks of <see cref="Network{T, TActivation}"/>).
/// </summary>
internal static unsafe class Kernels<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    static int V => Vector<T>.Count;

    /// <summary>
    /// C[i, :] = init + Σ_{s &lt; k} A(i, s) B[s, :] for i &lt; m, over <paramref name="vectors"/> vectors of each row,
    /// with A(i, s) = a[i * aRow + s * aSum] (so A or its transpose), B's rows <paramref name="ldb"/> apart, C's
    /// <paramref name="ldc"/> apart, and init a row vector (the bias) or zero when null. Register blocks of 4 rows by
    /// 2 vectors keep 8 accumulators and load 2 vectors and 4 scalars per 8 multiply-adds.
    /// </summary>
    public static void Product(T* c, int ldc, T* a, int aRow, int aSum, T* b, int ldb, int m, int k, int vectors, T* init) =>
        Product(c, ldc, a, aRow, aSum, b, ldb, m, k, vectors, init, default(Stored<T>));

    /// <summary>
    /// C[i, :] += Σ_{s &lt; k} A(i, s) B[s, :]: the accumulators start from C, so summing k rows in blocks continues
    /// one chain of fused multiply-adds, bitwise the same as one call over all rows.
    /// </summary>
    public static void ProductAdd(T* c, int ldc, T* a, int aRow, int aSum, T* b, int ldb, int m, int k, int vectors) =>
        Product(c, ldc, a, aRow, aSum, b, ldb, m, k, vectors, null, default(Stored<T>), accumulate: true);

    /// <summary>
    /// <see cref="Product(T*, int, T*, int, int, T*, int, int, int, int, T*)"/> with <paramref name="epilogue"/> applied
    /// to each result vector in registers before it is stored (an activation, or a derivative), saving a pass over C.
    /// </summary>
    /// <remarks>
    /// Register blocks: 4 rows by 2 vectors while 4 rows are left, then 1 row by 4 vectors, so that a row's chains
    /// run side by side, not one after another (a single chain waits on each multiply-add's latency: the 1 x 32
    /// output layer's weight gradient took 4.5 us a step as 4 chains in turn). The summation loops step one long
    /// offset to a precomputed end: counted with int k and int strides, the JIT sign-extended them in every iteration
    /// and did not rotate the loop, 14 scalar instructions beside the 8 multiply-adds, and the core's dispatch, not
    /// its multiply-add units, set the pace (a 5 -> 32 -> 32 -> 1 ReLU step in float32: 81 us, 77 us in this form).
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Product<TEpilogue>(T* c, int ldc, T* a, int aRow, int aSum, T* b, int ldb, int m, int k, int vectors,
        T* init, TEpilogue epilogue, bool accumulate = false) where TEpilogue : struct, IEpilogue<T>
    {
        long sumStep = aSum, bStep = ldb, end = k * sumStep;
        int i = 0;
        for (; i + 4 <= m; i += 4)
        {
            T* a0 = a + (long)i * aRow, a1 = a0 + aRow, a2 = a1 + aRow, a3 = a2 + aRow;
            int v = 0;
            for (; v + 2 <= vectors; v += 2)
            {
                long at = (long)i * ldc + v * V;
                Vector<T> s00, s01, s10, s11, s20, s21, s30, s31;
                if (accumulate)
                {
                    s00 = Vector.Load(c + at); s01 = Vector.Load(c + at + V);
                    s10 = Vector.Load(c + at + ldc); s11 = Vector.Load(c + at + ldc + V);
                    s20 = Vector.Load(c + at + 2L * ldc); s21 = Vector.Load(c + at + 2L * ldc + V);
                    s30 = Vector.Load(c + at + 3L * ldc); s31 = Vector.Load(c + at + 3L * ldc + V);
                }
                else
                {
                    var z0 = init is null ? Vector<T>.Zero : Vector.Load(init + v * V);
                    var z1 = init is null ? Vector<T>.Zero : Vector.Load(init + (v + 1) * V);
                    s00 = z0; s01 = z1; s10 = z0; s11 = z1; s20 = z0; s21 = z1; s30 = z0; s31 = z1;
                }
                T* bp = b + v * V;
                for (long o = 0; o < end; o += sumStep, bp += bStep)
                {
                    var b0 = Vector.Load(bp);
                    var b1 = Vector.Load(bp + V);
                    var x = new Vector<T>(a0[o]);
                    s00 = VectorMath<T>.Fma(x, b0, s00); s01 = VectorMath<T>.Fma(x, b1, s01);
                    x = new Vector<T>(a1[o]);
                    s10 = VectorMath<T>.Fma(x, b0, s10); s11 = VectorMath<T>.Fma(x, b1, s11);
                    x = new Vector<T>(a2[o]);
                    s20 = VectorMath<T>.Fma(x, b0, s20); s21 = VectorMath<T>.Fma(x, b1, s21);
                    x = new Vector<T>(a3[o]);
                    s30 = VectorMath<T>.Fma(x, b0, s30); s31 = VectorMath<T>.Fma(x, b1, s31);
                }
                epilogue.Apply(s00, at).Store(c + at); epilogue.Apply(s01, at + V).Store(c + at + V); at += ldc;
                epilogue.Apply(s10, at).Store(c + at); epilogue.Apply(s11, at + V).Store(c + at + V); at += ldc;
                epilogue.Apply(s20, at).Store(c + at); epilogue.Apply(s21, at + V).Store(c + at + V); at += ldc;
                epilogue.Apply(s30, at).Store(c + at); epilogue.Apply(s31, at + V).Store(c + at + V);
            }
            for (; v < vectors; v++)
            {
                long at = (long)i * ldc + v * V;
                Vector<T> s0, s1, s2, s3;
                if (accumulate)
                {
                    s0 = Vector.Load(c + at); s1 = Vector.Load(c + at + ldc);
                    s2 = Vector.Load(c + at + 2L * ldc); s3 = Vector.Load(c + at + 3L * ldc);
                }
                else
                {
                    var z = init is null ? Vector<T>.Zero : Vector.Load(init + v * V);
                    s0 = z; s1 = z; s2 = z; s3 = z;
                }
                T* bp = b + v * V;
                for (long o = 0; o < end; o += sumStep, bp += bStep)
                {
                    var b0 = Vector.Load(bp);
                    s0 = VectorMath<T>.Fma(new Vector<T>(a0[o]), b0, s0);
                    s1 = VectorMath<T>.Fma(new Vector<T>(a1[o]), b0, s1);
                    s2 = VectorMath<T>.Fma(new Vector<T>(a2[o]), b0, s2);
                    s3 = VectorMath<T>.Fma(new Vector<T>(a3[o]), b0, s3);
                }
                epilogue.Apply(s0, at).Store(c + at); at += ldc;
                epilogue.Apply(s1, at).Store(c + at); at += ldc;
                epilogue.Apply(s2, at).Store(c + at); at += ldc;
                epilogue.Apply(s3, at).Store(c + at);
            }
        }
        for (; i < m; i++)
        {
            T* ai = a + (long)i * aRow;
            int v = 0;
            for (; v + 4 <= vectors; v += 4)
            {
                long at = (long)i * ldc + v * V;
                Vector<T> s0, s1, s2, s3;
                if (accumulate)
                {
                    s0 = Vector.Load(c + at); s1 = Vector.Load(c + at + V);
                    s2 = Vector.Load(c + at + 2 * V); s3 = Vector.Load(c + at + 3 * V);
                }
                else if (init is null) s0 = s1 = s2 = s3 = Vector<T>.Zero;
                else
                {
                    s0 = Vector.Load(init + v * V); s1 = Vector.Load(init + (v + 1) * V);
                    s2 = Vector.Load(init + (v + 2) * V); s3 = Vector.Load(init + (v + 3) * V);
                }
                T* bp = b + v * V;
                for (long o = 0; o < end; o += sumStep, bp += bStep)
                {
                    var x = new Vector<T>(ai[o]);
                    s0 = VectorMath<T>.Fma(x, Vector.Load(bp), s0);
                    s1 = VectorMath<T>.Fma(x, Vector.Load(bp + V), s1);
                    s2 = VectorMath<T>.Fma(x, Vector.Load(bp + 2 * V), s2);
                    s3 = VectorMath<T>.Fma(x, Vector.Load(bp + 3 * V), s3);
                }
                epilogue.Apply(s0, at).Store(c + at);
                epilogue.Apply(s1, at + V).Store(c + at + V);
                epilogue.Apply(s2, at + 2 * V).Store(c + at + 2 * V);
                epilogue.Apply(s3, at + 3 * V).Store(c + at + 3 * V);
            }
            for (; v < vectors; v++)
            {
                long at = (long)i * ldc + v * V;
                var s0 = accumulate ? Vector.Load(c + at) : init is null ? Vector<T>.Zero : Vector.Load(init + v * V);
                T* bp = b + v * V;
                for (long o = 0; o < end; o += sumStep, bp += bStep)
                    s0 = VectorMath<T>.Fma(new Vector<T>(ai[o]), Vector.Load(bp), s0);
                epilogue.Apply(s0, at).Store(c + at);
            }
        }
    }

    /// <summary>
    /// c[i * ldc] = init + Σ_j A[i, j] w[j] for i &lt; m (A's rows lda apart, vectors wide): a product with one output
    /// column, as a vector multiply-add chain per row and one horizontal sum, instead of a whole vector per output.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void RowDots(T* c, int ldc, T* a, int lda, T* w, int m, int vectors, T init)
    {
        for (int i = 0; i < m; i++)
        {
            T* ai = a + (long)i * lda;
            var s = Vector.Load(ai) * Vector.Load(w);
            for (int v = 1; v < vectors; v++) s = VectorMath<T>.Fma(Vector.Load(ai + v * V), Vector.Load(w + v * V), s);
            c[(long)i * ldc] = init + Vector.Sum(s);
        }
    }

    /// <summary>
    /// The backward pass through a layer with one output unit, whose G has one column g[i] = g[i * ldg]: the weight
    /// gradient gw[:] += Σ_i g[i] In[i, :] (In's rows ldi apart), bitwise <see cref="ProductAdd"/> (one chain per
    /// element, rows in order), and the gradient below, below[i, :] = epilogue(g[i] w[:]) (rows ldb apart), bitwise
    /// <see cref="Product{TEpilogue}"/> with k = 1; In and below are vectors wide. One pass over the rows instead of
    /// two, each with its own loads of In (the activation below, which the derivative reads as well): the Figure 3
    /// nets' 1 x 32 output layer took 4.1 us as the two products and 2.7 us in one pass (ops benchmark, n = 1000).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void SingleOutputBackward<TEpilogue>(T* gw, T* g, int ldg, T* input, int ldi, T* w, T* below, int ldb, int m, int vectors,
        TEpilogue epilogue) where TEpilogue : struct, IEpilogue<T>
    {
        long gStep = ldg, inStep = ldi, belowStep = ldb, end = m * gStep;
        int v = 0;
        for (; v + 4 <= vectors; v += 4)
        {
            T* q = gw + v * V;
            Vector<T> s0 = Vector.Load(q), s1 = Vector.Load(q + V), s2 = Vector.Load(q + 2 * V), s3 = Vector.Load(q + 3 * V);
            Vector<T> w0 = Vector.Load(w + v * V), w1 = Vector.Load(w + (v + 1) * V), w2 = Vector.Load(w + (v + 2) * V), w3 = Vector.Load(w + (v + 3) * V);
            T* p = input + v * V;
            long at = v * V;
            for (long o = 0; o < end; o += gStep, p += inStep, at += belowStep)
            {
                var x = new Vector<T>(g[o]);
                s0 = VectorMath<T>.Fma(x, Vector.Load(p), s0);
                s1 = VectorMath<T>.Fma(x, Vector.Load(p + V), s1);
                s2 = VectorMath<T>.Fma(x, Vector.Load(p + 2 * V), s2);
                s3 = VectorMath<T>.Fma(x, Vector.Load(p + 3 * V), s3);
                epilogue.Apply(VectorMath<T>.Fma(x, w0, Vector<T>.Zero), at).Store(below + at);
                epilogue.Apply(VectorMath<T>.Fma(x, w1, Vector<T>.Zero), at + V).Store(below + at + V);
                epilogue.Apply(VectorMath<T>.Fma(x, w2, Vector<T>.Zero), at + 2 * V).Store(below + at + 2 * V);
                epilogue.Apply(VectorMath<T>.Fma(x, w3, Vector<T>.Zero), at + 3 * V).Store(below + at + 3 * V);
            }
            s0.Store(q); s1.Store(q + V); s2.Store(q + 2 * V); s3.Store(q + 3 * V);
        }
        for (; v < vectors; v++)
        {
            T* q = gw + v * V;
            var s0 = Vector.Load(q);
            var w0 = Vector.Load(w + v * V);
            T* p = input + v * V;
            long at = v * V;
            for (long o = 0; o < end; o += gStep, p += inStep, at += belowStep)
            {
                var x = new Vector<T>(g[o]);
                s0 = VectorMath<T>.Fma(x, Vector.Load(p), s0);
                epilogue.Apply(VectorMath<T>.Fma(x, w0, Vector<T>.Zero), at).Store(below + at);
            }
            s0.Store(q);
        }
    }

    /// <summary>
    /// sums[:] += sum over the m rows of A (rows lda apart, vectors wide): one chain of additions per element, rows in
    /// ascending order. Four vectors' chains run side by side; one vector at a time, each chain waited on the addition's
    /// latency (the bias gradient of a width-32 layer: 1.5 us a step, 1.1 us side by side, measured in 32-row blocks).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ColumnSumsAdd(T* sums, T* a, int lda, int m, int vectors)
    {
        int v = 0;
        for (; v + 4 <= vectors; v += 4)
        {
            T* q = sums + v * V;
            Vector<T> s0 = Vector.Load(q), s1 = Vector.Load(q + V), s2 = Vector.Load(q + 2 * V), s3 = Vector.Load(q + 3 * V);
            T* p = a + v * V, end = p + m * (long)lda;
            for (; p < end; p += lda)
            {
                s0 += Vector.Load(p); s1 += Vector.Load(p + V); s2 += Vector.Load(p + 2 * V); s3 += Vector.Load(p + 3 * V);
            }
            s0.Store(q); s1.Store(q + V); s2.Store(q + 2 * V); s3.Store(q + 3 * V);
        }
        for (; v < vectors; v++)
        {
            var s = Vector.Load(sums + v * V);
            for (T* p = a + v * V, end = p + m * (long)lda; p < end; p += lda) s += Vector.Load(p);
            s.Store(sums + v * V);
        }
    }

    /// <summary>T[j, i] = M[i, j] for a rows x cols matrix M (rows ldm apart) into T (rows ldt apart).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Transpose(T* t, int ldt, T* m, int ldm, int rows, int cols)
    {
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++)
                t[(long)j * ldt + i] = m[(long)i * ldm + j];
    }
}
