using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace DeepLinear.Tests;

public class ValidationTests
{
    static readonly Matrix<double> I2 = Matrix<double>.Build.DenseIdentity(2);
    static readonly Vector<double> C2 = Vector<double>.Build.DenseOfArray([0.5, 0.1]);

    /// <summary>The error names the core's own parameter, as message and as ParamName (the CLI maps the latter to its JSON field).</summary>
    static void Rejects(Action action, string parameter, string rule)
    {
        var e = Assert.ThrowsAny<ArgumentException>(action);
        Assert.Contains(parameter, e.Message);
        Assert.Contains(rule, e.Message);
        Assert.DoesNotContain("weightDecay", e.Message);
    }

    [Fact]
    public void Data_rules_name_the_parameter()
    {
        Rejects(() => new DataStatistics(Matrix<double>.Build.Dense(2, 3), C2, 1), "inputCovariance", "square");
        Rejects(() => new DataStatistics(Matrix<double>.Build.DenseIdentity(3), C2, 1), "inputCovariance", "must match");
        Rejects(() => new DataStatistics(Matrix<double>.Build.DenseOfArray(new[,] { { 1, 0.3 }, { 0.2, 1 } }), C2, 1), "inputCovariance", "symmetric");
        Rejects(() => new DataStatistics(Matrix<double>.Build.DenseOfArray(new[,] { { 1.0, 2 }, { 2, 1 } }), C2, 1), "inputCovariance", "positive semi-definite");
        Rejects(() => new DataStatistics(Matrix<double>.Build.DenseOfArray(new[,] { { 1, double.NaN }, { 0, 1 } }), C2, 1), "inputCovariance", "finite");
        Rejects(() => new DataStatistics(I2, Vector<double>.Build.DenseOfArray([double.PositiveInfinity, 0]), 1), "inputOutputCorrelation", "finite");
        Rejects(() => new DataStatistics(I2, C2, -1), "outputSecondMoment", ">= 0");
        Rejects(() => new DataStatistics(I2, C2, double.NaN), "outputSecondMoment", "finite");
        Rejects(() => new DataStatistics(Matrix<double>.Build.DenseOfDiagonalArray([1.0, 0.0]), C2, 1), "inputOutputCorrelation", "range of inputCovariance");
        Rejects(() => DataStatistics.FromSamples(Matrix<double>.Build.Dense(3, 2), Vector<double>.Build.Dense(4)), "y", "one label per sample");
        Rejects(() => DataStatistics.FromSamples(Matrix<double>.Build.DenseOfArray(new[,] { { 1, double.NaN } }), Vector<double>.Build.Dense(1)), "x", "finite");
    }

    [Fact]
    public void Architecture_rules_name_the_parameter()
    {
        Rejects(() => new Architecture(-1, [], [], 0.1, []), "depth", ">= 0");
        Rejects(() => new Architecture(2, [3], [0, 0], 0.1, [0.1, 0.1]), "widths", "one entry per hidden layer");
        Rejects(() => new Architecture(2, [3, 0], [0, 0], 0.1, [0.1, 0.1]), "widths[1]", ">= 1");
        Rejects(() => new Architecture(1, [3], [-0.5], 0.1, [0.1]), "noiseVariances[0]", ">= 0");
        Rejects(() => new Architecture(1, [3], [double.NaN], 0.1, [0.1]), "noiseVariances[0]", "finite");
        Rejects(() => new Architecture(1, [3], [0], -0.1, [0.1]), "outputDecay", ">= 0");
        Rejects(() => new Architecture(2, [3, 3], [0, 0], 0.1, [0.1, double.PositiveInfinity]), "layerDecays[1]", "finite");
        Rejects(() => new Architecture(1, [3], [0], 0.1, [0.1, 0.2]), "layerDecays", "one entry per hidden layer");
        Rejects(() => Architecture.NoiseVarianceFromDropRate(1), "dropRate", "[0, 1)");
        Assert.Equal("layerDecays[1]", Assert.ThrowsAny<ArgumentException>(() => new Architecture(2, [3, 3], [0, 0], 0.1, [0.1, -1])).ParamName);
        Assert.Equal("outputDecay", Assert.ThrowsAny<ArgumentException>(() => Architecture.Uniform(1, 3, 0, 0).RequirePositiveDecays()).ParamName);
        Assert.Equal("widths[1]", Assert.ThrowsAny<ArgumentException>(() => new Architecture(2, [3, 0], [0, 0], 0.1, [0.1, 0.1])).ParamName);
        Tolerance.Close(1, Architecture.NoiseVarianceFromDropRate(0.5), 0, 0, "σ² for p = 0.5");
    }

    [Fact]
    public void Rescaling_to_another_output_decay_keeps_every_layer_decays_ratio_and_refuses_leaving_float64()
    {
        var net = new Architecture(2, [3, 4], [0.1, 0.2], outputDecay: 0.5, layerDecays: [0.25, 2.0]);
        var scaled = net.WithOutputDecay(3.0);
        Assert.Equal(3.0, scaled.OutputDecay);
        // factor 6 applied through exp(log): one rounding in each of log, exp and the product, ~1e-15 relative
        Tolerance.Close(1.5, scaled.LayerDecays[0], 1e-14, 0, "γ₁ = 0.25 · 6");
        Tolerance.Close(12.0, scaled.LayerDecays[1], 1e-14, 0, "γ₂ = 2 · 6");
        Assert.Equal(net.Widths, scaled.Widths);
        Assert.Equal(net.NoiseVariances, scaled.NoiseVariances);
        Assert.Equal("decay", Assert.Throws<ArgumentException>(() => net.WithOutputDecay(0)).ParamName);
        var extreme = new Architecture(1, [2], [0.0], outputDecay: 1e-300, layerDecays: [1e300]);
        Assert.Equal("decay", Assert.Throws<ArgumentException>(() => extreme.WithOutputDecay(1e10)).ParamName);
    }

    [Fact]
    public void Solving_with_a_zero_decay_is_rejected_for_D_at_least_1_but_least_squares_is_fine()
    {
        var data = new DataStatistics(I2, C2, 1);
        Rejects(() => ExactSolver.Solve(data, new Architecture(2, [2, 2], [0, 0], 0.1, [0.1, 0])), "layerDecays[1]", "Proposition 1");
        var ls = ExactSolver.Solve(data, Architecture.Ridge(0));
        Tolerance.Close(1 - C2.DotProduct(C2), ls.GlobalMinimumLoss, 1e-15, 0, "least-squares loss with A0 = I");
        Assert.Equal(ZeroKind.NotStationary, ls.ZeroIs);
    }

    [Fact]
    public void Ridge_regression_matches_the_normal_equations_and_brute_force()
    {
        var random = new Random(2);
        var data = RandomProblems.Data(random, 4, 0.8);
        var arch = Architecture.Ridge(0.3);
        var exact = ExactSolver.Solve(data, arch);
        var u = (data.A0 + 0.3 * Matrix<double>.Build.DenseIdentity(4)).Solve(data.Exy);
        Tolerance.Close(data.Eyy - u.DotProduct(data.Exy), exact.GlobalMinimumLoss, 1e-13, 0, "ridge loss");
        Tolerance.Close(BruteForce.Minimise(data, arch, 3, 1)[0].Loss, exact.GlobalMinimumLoss, 1e-10, 0, "ridge loss vs brute force");
        Assert.Equal(Regime.NontrivialGlobal, exact.Regime);
    }

    [Fact]
    public void Weights_with_wrong_shape_or_NaN_are_rejected()
    {
        var data = new DataStatistics(I2, C2, 1);
        var arch = new Architecture(1, [3], [0], 0.1, [0.1]);
        var wrong = new NetworkWeights(Vector<double>.Build.Dense(2), [Matrix<double>.Build.Dense(2, 2)]);
        Rejects(() => ExpectedLoss.Value(data, arch, wrong), "W[0]", "3 x 2");
        var nan = NetworkWeights.Zero(arch, 2);
        nan.U[1] = double.NaN;
        Rejects(() => ExpectedLoss.Value(data, arch, nan), "weights", "finite");
    }

    [Fact]
    public void Depth_20_and_width_1000_neither_overflow_nor_lose_the_solution()
    {
        var data = DataStatistics.Isotropic(1, Vector<double>.Build.DenseOfArray([3e4, 0, 0]), 1e9);
        var arch = Architecture.Uniform(20, 1000, 0.5, 1e-4);
        var exact = ExactSolver.Solve(data, arch);
        Assert.Equal(Regime.NontrivialGlobal, exact.Regime);
        Assert.All(exact.Solutions, s => Assert.True(double.IsFinite(s.Loss) && s.Scale > 0 && s.LayerNorms.All(double.IsFinite)));
        // The regime above is Theorem 3's, exact for whitened data: ‖E[xy]‖² = 9e8 against its threshold e^{−6.5}.
        // L is far too flat here for loss differences to show the minimum, and its 19 million weights too many for the full
        // gradient, so check stationarity by a formula the landscape does not use: for A0 = aI, Eq. 13 at τ* gives
        // b*/upper = (1 + γd₀/(aτ*))^{−1/(D+1)} with Eq. 16's upper bound (UniformNetwork.ScaleBounds). 1e-9 is the logs' round-off,
        // and a root off by 4e-8 in log τ would break it
        var minimum = exact.GlobalMinimum!;
        double upper = UniformNetwork.ScaleBounds(20, 1000, 0.5, 1e-4, 3e4, 1).Upper;
        Tolerance.Close(Math.Pow(1 + 1e-4 * 1000 / minimum.Tau, -1.0 / 21), UniformNetwork.PaperScale(minimum.Scale, 20, 1000) / upper, 1e-9, 0, "b*/upper at depth 20");
    }
}
