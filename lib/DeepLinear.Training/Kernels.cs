using System.Numerics;

namespace DeepLinear.Training;

/// <summary>
/// The matrix kernels of a training step, on row-major buffers whose rows are padded to whole vectors. Every output
/// element is one chain of fused multiply-adds in a fixed order (the summation index ascending), whichever register
/// block computes it, so results are bitwise the same whatever a buffer's size or neighbours.
/// </summary>
internal static unsafe class Kernels<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    static int V => Vector<T>.Count;

    /// <summary>
    /// C[i, :] = init + sum_{s &lt; k} A(i, s) B[s, :] for i &lt; m, over <paramref name="vectors"/> vectors of each row,
    /// with A(i, s) = a[i * aRow + s * aSum] (so A or its transpose), B's rows <paramref name="ldb"/> apart, C's
    /// <paramref name="ldc"/> apart, and init a row vector (the bias) or zero when null. Register blocks of 4 rows by
    /// 2 vectors keep 8 accumulators and load 2 vectors and 4 scalars per 8 multiply-adds.
    /// </summary>
    public static void Product(T* c, int ldc, T* a, int aRow, int aSum, T* b, int ldb, int m, int k, int vectors, T* init)
    {
        int i = 0;
        for (; i + 4 <= m; i += 4)
        {
            T* a0 = a + (long)i * aRow, a1 = a0 + aRow, a2 = a1 + aRow, a3 = a2 + aRow;
            T* c0 = c + (long)i * ldc;
            int v = 0;
            for (; v + 2 <= vectors; v += 2)
            {
                var z0 = init is null ? Vector<T>.Zero : Vector.Load(init + v * V);
                var z1 = init is null ? Vector<T>.Zero : Vector.Load(init + (v + 1) * V);
                Vector<T> s00 = z0, s01 = z1, s10 = z0, s11 = z1, s20 = z0, s21 = z1, s30 = z0, s31 = z1;
                T* bp = b + v * V;
                for (long s = 0, o = 0; s < k; s++, o += aSum, bp += ldb)
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
                T* cp = c0 + v * V;
                s00.Store(cp); s01.Store(cp + V); cp += ldc;
                s10.Store(cp); s11.Store(cp + V); cp += ldc;
                s20.Store(cp); s21.Store(cp + V); cp += ldc;
                s30.Store(cp); s31.Store(cp + V);
            }
            for (; v < vectors; v++)
            {
                var z = init is null ? Vector<T>.Zero : Vector.Load(init + v * V);
                Vector<T> s0 = z, s1 = z, s2 = z, s3 = z;
                T* bp = b + v * V;
                for (long s = 0, o = 0; s < k; s++, o += aSum, bp += ldb)
                {
                    var b0 = Vector.Load(bp);
                    s0 = VectorMath<T>.Fma(new Vector<T>(a0[o]), b0, s0);
                    s1 = VectorMath<T>.Fma(new Vector<T>(a1[o]), b0, s1);
                    s2 = VectorMath<T>.Fma(new Vector<T>(a2[o]), b0, s2);
                    s3 = VectorMath<T>.Fma(new Vector<T>(a3[o]), b0, s3);
                }
                T* cp = c0 + v * V;
                s0.Store(cp); s1.Store(cp + ldc); s2.Store(cp + 2L * ldc); s3.Store(cp + 3L * ldc);
            }
        }
        for (; i < m; i++)
        {
            T* ai = a + (long)i * aRow;
            for (int v = 0; v < vectors; v++)
            {
                var s0 = init is null ? Vector<T>.Zero : Vector.Load(init + v * V);
                T* bp = b + v * V;
                for (long s = 0, o = 0; s < k; s++, o += aSum, bp += ldb)
                    s0 = VectorMath<T>.Fma(new Vector<T>(ai[o]), Vector.Load(bp), s0);
                s0.Store(c + (long)i * ldc + v * V);
            }
        }
    }

    /// <summary>sums[:] = sum over the m rows of A (rows lda apart, vectors wide), rows in ascending order.</summary>
    public static void ColumnSums(T* sums, T* a, int lda, int m, int vectors)
    {
        for (int v = 0; v < vectors; v++)
        {
            var s = Vector<T>.Zero;
            T* p = a + v * V;
            for (int i = 0; i < m; i++, p += lda) s += Vector.Load(p);
            s.Store(sums + v * V);
        }
    }

    /// <summary>T[j, i] = M[i, j] for a rows x cols matrix M (rows ldm apart) into T (rows ldt apart).</summary>
    public static void Transpose(T* t, int ldt, T* m, int ldm, int rows, int cols)
    {
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++)
                t[(long)j * ldt + i] = m[(long)i * ldm + j];
    }
}
