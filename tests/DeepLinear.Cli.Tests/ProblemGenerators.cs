using FsCheck;
using FsCheck.Fluent;
using MathNet.Numerics.LinearAlgebra;

namespace DeepLinear.Cli.Tests;

/// <summary>
/// A realisable problem of moderate size and magnitude, and the factors s, t of the rescaling x → s x, y → t y
/// that maps it to an equivalent problem at extreme magnitude (<see cref="Scaled"/>).
/// </summary>
public sealed record ScaledCase(int Seed, int Dimension, int Depth, double Log10Spread, double Log10Residual, double Log10Decay, bool Noisy, double Log10S, double Log10T)
{
    /// <summary>The moderate problem: A0 with eigenvalues over 10^spread, a random E[xy], E[y²] = Q(1 + residual) (residual 0: a perfect fit).</summary>
    public (DataStatistics Data, Architecture Architecture) Base()
    {
        var random = new Random(Seed);
        int d = Dimension;
        var q = Matrix<double>.Build.Dense(d, d, (_, _) => random.NextGaussian()).QR().Q;
        var eigen = Enumerable.Range(0, d).Select(_ => Math.Pow(10, Log10Spread * (random.NextDouble() - 0.5))).ToArray();
        var a0 = q * Matrix<double>.Build.DenseOfDiagonalArray(eigen) * q.Transpose();
        a0 = (a0 + a0.Transpose()) * 0.5;
        var c = Vector<double>.Build.Dense(d, _ => random.NextGaussian() * Math.Pow(10, random.NextDouble() - 0.5));
        double explained = c.DotProduct(a0.Solve(c));
        double eyy = double.IsNegativeInfinity(Log10Residual) ? explained : explained * (1 + Math.Pow(10, Log10Residual));
        var widths = Enumerable.Range(0, Depth).Select(_ => random.Next(1, 6)).ToArray();
        var noise = Enumerable.Range(0, Depth).Select(_ => Noisy ? Math.Pow(10, 3 * random.NextDouble() - 2) : 0).ToArray();
        double decay = Math.Pow(10, Log10Decay);
        var layers = Enumerable.Range(0, Depth).Select(_ => decay * Math.Pow(10, 2 * random.NextDouble() - 1)).ToArray();
        double output = Depth == 0 && random.Next(4) == 0 ? 0 : decay * Math.Pow(10, 2 * random.NextDouble() - 1);
        return (new DataStatistics(a0, c, eyy), new Architecture(Depth, widths, noise, output, layers));
    }

    /// <summary>
    /// x → s x, y → t y with the decays that make the loss scale by exactly t²: under U → tU, W₁ → W₁/s (and
    /// W_k kept) the fit scales by t², so γ_u stays, γ₁ → s²t²γ₁, γ_k → t²γ_k; for D = 0, u → (t/s)u needs γ_u → s²γ_u.
    /// Stationary points map one to one, with the same kinds and the regime kept.
    /// </summary>
    public (DataStatistics Data, Architecture Architecture) Scaled()
    {
        var (data, arch) = Base();
        double s = Math.Pow(10, Log10S), t = Math.Pow(10, Log10T);
        var scaledData = new DataStatistics(data.A0 * (s * s), data.Exy * (s * t), data.Eyy * (t * t));
        if (arch.Depth == 0) return (scaledData, Architecture.Ridge(arch.OutputDecay * s * s));
        var layers = arch.LayerDecays.Select((g, k) => k == 0 ? g * (s * s) * (t * t) : g * (t * t)).ToArray();
        return (scaledData, new Architecture(arch.Depth, arch.Widths, arch.NoiseVariances, arch.OutputDecay, layers));
    }

    /// <summary>t², the factor every loss is multiplied by.</summary>
    public double LossFactor => Math.Pow(10, 2 * Log10T);
}

/// <summary>A deep or wide realisable problem with decays anywhere from 1e-150 to 1e5 and A0 from subnormal (1e-320) to 1e300.</summary>
public sealed record DeepCase(int Seed, int Dimension, int Depth, double Log10Width, double Log10Decay, double Log10Noise, double Log10X, double Log10Y)
{
    public (DataStatistics Data, Architecture Architecture) Problem()
    {
        var random = new Random(Seed);
        int d = Dimension;
        double sx = Math.Pow(10, Log10X), sy = Math.Pow(10, Log10Y);
        // A0 = sx² diag(e), E[xy] = sx sy √e ∘ z, so Q = sy² ‖z‖² without forming any square of sx or sy
        var e = Enumerable.Range(0, d).Select(_ => Math.Pow(10, 2 * random.NextDouble() - 1)).ToArray();
        var z = Enumerable.Range(0, d).Select(_ => random.NextGaussian()).ToArray();
        var c = Vector<double>.Build.Dense(d, i => sx * sy * Math.Sqrt(e[i]) * z[i]);
        double explained = sy * sy * z.Sum(v => v * v);
        var data = new DataStatistics(Matrix<double>.Build.DenseOfDiagonalArray(e.Select(v => sx * sx * v).ToArray()), c, explained * (1 + random.NextDouble()));
        var widths = Enumerable.Range(0, Depth).Select(_ => (int)Math.Max(1, Math.Round(Math.Pow(10, Log10Width * (0.5 + 0.5 * random.NextDouble()))))).ToArray();
        var noise = Enumerable.Range(0, Depth).Select(_ => Math.Pow(10, Log10Noise)).ToArray();
        var decays = Enumerable.Range(0, Depth + 1).Select(_ => Math.Pow(10, Log10Decay + 4 * random.NextDouble() - 2)).ToArray();
        return (data, new Architecture(Depth, widths, noise, decays[^1], decays[..^1]));
    }
}

/// <summary>FsCheck generators for the property tests; every random number comes from FsCheck's replayable seed.</summary>
public static class ProblemGenerators
{
    /// <summary>Uniform on [lo, hi] in steps of (hi − lo)/2³⁰.</summary>
    public static Gen<double> Uniform(double lo, double hi) => Gen.Choose(0, 1 << 30).Select(i => lo + (hi - lo) * i / (1 << 30));

    public static Gen<ScaledCase> Scaled { get; } =
        from seed in Gen.Choose(0, int.MaxValue)
        from d in Gen.Choose(1, 4)
        from depth in Gen.Frequency((1, Gen.Constant(0)), (3, Gen.Choose(1, 3)), (1, Gen.Choose(4, 6)))
        from spread in Uniform(0, 4)
        from residual in Gen.Frequency((1, Gen.Constant(double.NegativeInfinity)), (3, Uniform(-6, 1)))
        from decay in Uniform(-4, 0)
        from noisy in Gen.Elements(true, false)
        from s in Uniform(-60, 60)
        from t in Uniform(-60, 60)
        select new ScaledCase(seed, d, depth, spread, residual, decay, noisy, s, t);

    public static Gen<DeepCase> Deep { get; } =
        from seed in Gen.Choose(0, int.MaxValue)
        from d in Gen.Choose(1, 3)
        from depth in Gen.Choose(20, 400)
        from width in Uniform(0, 4)
        from decay in Uniform(-150, 5)
        from noise in Uniform(-4, 2)
        from x in Uniform(-160, 150)
        from y in Uniform(-100, 100)
        select new DeepCase(seed, d, depth, width, decay, noise, x, y);
}
