using MathNet.Numerics.LinearAlgebra;

namespace DeepLinear.Tests;

/// <summary>Seeded random problems with unequal widths, noise and decays, for checks against brute force.</summary>
public static class RandomProblems
{
    /// <summary>
    /// A0 with eigenvalues spread over a factor <paramref name="spread"/>, E[xy] of norm <paramref name="signal"/>, and
    /// E[y²] = E[xy]ᵀA0⁻¹E[xy] + 1 (one unit of label noise), so that a data set has these statistics.
    /// </summary>
    public static DataStatistics Data(Random random, int d, double signal, double spread = 4)
    {
        var q = Matrix<double>.Build.Dense(d, d, (_, _) => Gaussian(random)).QR().Q;
        var eigen = Enumerable.Range(0, d).Select(_ => Math.Exp(Math.Log(spread) * (random.NextDouble() - 0.5))).ToArray();
        var a0 = q * Matrix<double>.Build.DenseOfDiagonalArray(eigen) * q.Transpose();
        a0 = (a0 + a0.Transpose()) * 0.5;
        var c = Vector<double>.Build.Dense(d, _ => Gaussian(random));
        c *= signal / c.L2Norm();
        return new DataStatistics(a0, c, 1 + c.DotProduct(a0.Solve(c)));
    }

    public static Architecture Architecture(Random random, int depth, int maxWidth = 3)
    {
        var widths = Enumerable.Range(0, depth).Select(_ => random.Next(1, maxWidth + 1)).ToArray();
        var noise = Enumerable.Range(0, depth).Select(_ => random.NextDouble()).ToArray();
        var decays = Enumerable.Range(0, depth).Select(_ => 0.02 + 0.1 * random.NextDouble()).ToArray();
        return new Architecture(depth, widths, noise, 0.02 + 0.1 * random.NextDouble(), decays);
    }

    public static NetworkWeights Weights(Random random, Architecture architecture, int d, double scale)
    {
        var zero = NetworkWeights.Zero(architecture, d);
        return zero.Unflatten(Vector<double>.Build.Dense(zero.ParameterCount, _ => scale * Gaussian(random)));
    }

    public static double Gaussian(Random random) => random.NextGaussian();
}
