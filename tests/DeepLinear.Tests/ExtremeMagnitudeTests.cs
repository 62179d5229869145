using System.Text.Json.Nodes;
using MathNet.Numerics.LinearAlgebra;
using Xunit;
using static DeepLinear.Cli.Tests.CliHarness;

namespace DeepLinear.Tests;

/// <summary>
/// Issue #11's finite inputs that crashed or misreported: statistics near 1e160, depth 100 at width 5000, decays
/// of 1e-120. Each answer is checked against a closed form, a limit, or the full expected loss of its weights.
/// </summary>
public class ExtremeMagnitudeTests
{
    static readonly Vector<double> Ones = Vector<double>.Build.Dense(2, 1);

    [Fact]
    public void Covariance_1e160_with_signal_1e160_matches_Section_C_and_its_weights_reproduce_the_loss()
    {
        // mᵢ = (qᵢ·E[xy])² = 1e320 overflows; E[y²] = 3e160 ≥ Q = 2e160 makes it realisable
        var data = DataStatistics.Isotropic(1e160, 1e160 * Ones, 3e160);
        var arch = new Architecture(1, [2], [0.5], 0.01, [0.01]);
        var exact = ExactSolver.Solve(data, arch);
        Assert.Equal(Regime.NontrivialGlobal, exact.Regime);
        // Section C, Eq. 105 (verified against brute force in ClosedFormTests); logs near 370 carry 370ε ≈ 1e-13
        double b2 = TwoLayer.WhitenedScaleSquared(1e160, data.SignalNorm, 2, 0.5, 0.01, 0.01);
        Tolerance.Close(Math.Sqrt(b2), exact.GlobalMinimum!.Scale, 1e-12, 0, "b* vs Eq. 105");
        // every term of the full loss is of order E[y²], so its round-off is a few ε·E[y²]
        var weights = exact.GlobalMinimumWeights();
        Tolerance.Close(exact.GlobalMinimumLoss, ExpectedLoss.Value(data, arch, weights), 0, 1e-14 * data.Eyy, "full loss of the weights");
        // the limit of vanishing decay (γ_uγ₁ = 1e-4 against ‖E[xy]‖² = 2e320): r + (1 − ρ)Q = 1e160 + 0.2·2e160
        Tolerance.Close(1.4e160, exact.GlobalMinimumLoss, 1e-15, 0, "loss in the no-decay limit");
    }

    [Fact]
    public void A_subnormal_covariance_is_decomposed_exactly_and_matches_Section_C()
    {
        // A0 = 4.9e-324·I, the smallest subnormal: halving it underflows and scaling it by 2^1074 at once overflows
        double tiny = double.Epsilon;
        var data = DataStatistics.Isotropic(tiny, 1e-170 * Ones, 1e-16);
        Assert.Equal([tiny, tiny], data.Eigenvalues);
        Tolerance.Close(2 * (1e-170 / tiny) * 1e-170, data.ExplainedSecondMoment, 1e-15, 0, "Q = ‖E[xy]‖²/σx² (1e-340 itself is below float64)");
        var exact = ExactSolver.Solve(data, new Architecture(1, [2], [0.5], 1e-300, [1e-300]));
        Assert.Equal(Regime.NontrivialGlobal, exact.Regime);
        // Eq. 105 with γ_u = γ₁ = γ, b*² = (‖E[xy]‖ − γ)/((σ² + d₁)σx²), in logs: (σ² + d₁)σx² is below the
        // smallest subnormal's precision in plain doubles. The solver's logs near ±700 carry 700ε.
        double logB2 = Math.Log(data.SignalNorm - 1e-300) - Math.Log(2.5) - Math.Log(tiny);
        Tolerance.Close(logB2 / 2, exact.GlobalMinimum!.LogScale, 0, 1e-12, "log b* vs Eq. 105");
        Assert.InRange(exact.GlobalMinimumLoss, 0, data.Eyy);
    }

    [Fact]
    public void Depth_0_with_a_signal_no_data_set_has_fails_with_a_rule_instead_of_minus_infinity()
    {
        var data = DataStatistics.Isotropic(1, 1e160 * Ones, 1e308);
        Assert.False(data.IsRealisable);
        var e = Assert.ThrowsAny<ArgumentException>(() => data.RequireRealisable());
        Assert.Contains("outputSecondMoment must be at least E[xy]ᵀA0⁺E[xy] = 10^320.30", e.Message);
        var solve = Assert.ThrowsAny<ArgumentException>(() => ExactSolver.Solve(data, Architecture.Ridge(0.01)));
        Assert.Contains("beyond float64's range", solve.Message);
    }

    [Fact]
    public void Depth_100_width_5000_has_an_underflowing_scale_the_Theorem_3_boundary_and_no_point_at_scale_0()
    {
        var data = DataStatistics.Isotropic(1, Ones, 3);
        var arch = Architecture.Uniform(100, 5000, 0.5, 1e-8);
        var exact = ExactSolver.Solve(data, arch);
        Assert.Equal(Regime.NontrivialGlobal, exact.Regime);
        Assert.All(exact.Solutions, s => Assert.True(double.IsFinite(s.LogScale) && s.LogLayerNorms.All(double.IsFinite)));
        // B = b_u b₂⋯b_D underflows (S = (5000·5000.5)^100) while every layer is of order one
        Assert.Equal(0, exact.GlobalMinimum!.Scale);
        Tolerance.Close(0.5 * (exact.GlobalMinimum.LogTau - exact.Landscape!.LogS), exact.GlobalMinimum.LogScale, 1e-15, 0, "log B = (log τ − log S)/2");
        Assert.InRange(exact.GlobalMinimumLoss, 0, data.Eyy);
        // Theorem 3 is exact for whitened data: the solver's critical signal is Eq. 18's, to the bisection's 5e-11
        // relative (SolverSettings.CriticalAccuracy) plus the logs' round-off, which at D = 100 are near 1700: 4e-13
        var (_, global) = RegimeDiagram.CriticalSignals(data, arch);
        Tolerance.Close(Math.Exp(0.5 * UniformNetwork.LogNontrivialGlobalSignalSquared(100, 5000, 0.5, 1e-8, 1)), global, 1e-10, 0, "Eq. 18 at D = 100");
        // the CLI writes the underflowing scale as null beside its log10
        var json = JsonNode.Parse(OnFile("solve", Problem(data, arch)).Out)!;
        Assert.Null(json["globalMinimumScale"]);
        Tolerance.Close(exact.GlobalMinimum.LogScale / Math.Log(10), (double)json["globalMinimumLog10Scale"]!, 1e-15, 0, "log10 B");
        Assert.All(json["solutions"]!.AsArray(), s => Assert.Null(s!["scale"]));
    }

    [Fact]
    public void Depth_300_with_an_underflowing_scale_is_reproduced_by_the_full_expected_loss()
    {
        // few enough weights (300 layers of 30 × 30) for the full loss, with B ≈ 1e-444
        var data = DataStatistics.Isotropic(1, Ones, 3);
        var arch = Architecture.Uniform(300, 30, 0.5, 1e-5);
        var exact = ExactSolver.Solve(data, arch);
        Assert.Equal(Regime.NontrivialGlobal, exact.Regime);
        Assert.True(exact.GlobalMinimum!.LogScale / Math.Log(10) < -400, $"log10 B = {exact.GlobalMinimum.LogScale / Math.Log(10)}");
        // 300 layers of products and sums: round-off ~300ε relative
        Tolerance.Close(exact.GlobalMinimumLoss, ExpectedLoss.Value(data, arch, exact.GlobalMinimumWeights()), 1e-13, 0, "full loss at depth 300");
    }

    [Fact]
    public void Decays_of_1e_120_put_the_local_maximum_at_the_small_tau_limit_never_at_scale_0()
    {
        var data = DataStatistics.Isotropic(1, Ones, 3);
        var arch = Architecture.Uniform(3, 5, 0.5, 1e-120);
        var exact = ExactSolver.Solve(data, arch);
        var maximum = exact.Solutions[0];
        Assert.Equal(StationaryKind.LocalMaximum, maximum.Kind);
        // near τ = 0, L ≈ E[y²] − ρ‖c‖²τ/g + Dλτ^{1/D}, stationary at τ^{(D−1)/D} = λg/(ρ‖c‖²); the neglected
        // terms are of relative size aτ/g ≈ e^{-550}
        var landscape = exact.Landscape!;
        double limit = 3.0 / 2 * (landscape.LogLambda + landscape.LogG - landscape.LogRho - Math.Log(2));
        Tolerance.Close(limit, maximum.LogTau, 1e-15, 0, "log τ of the local maximum");
        Assert.True(maximum.Scale > 0 && maximum.LayerNorms.All(n => n > 0), "a nontrivial point has positive scale and norms");
        // the local maximum's loss exceeds E[y²] by far less than its round-off, as its weights confirm
        Tolerance.Close(maximum.Loss, ExpectedLoss.Value(data, arch, exact.Weights(maximum)), 0, 4e-15 * data.Eyy, "full loss at the local maximum");
        var json = JsonNode.Parse(OnFile("solve", Problem(data, arch)).Out)!;
        Assert.True((double)json["solutions"]![0]!["scale"]! > 0);
    }

    [Fact]
    public void Fit_and_decay_below_float64_still_decide_the_regime()
    {
        // ρ = (1/(1 + σ²))² with σ² = 1e200 is 1e-400: every fit underflows. With γ_u, γ₂ scaled by r = 1.5/(1 + 1e200),
        // λ = √(γ_uγ₂)/(1 + σ²) scales by ρ_B/ρ_A like the fit, so the improvement is the moderate net's times ρ_B/ρ_A
        // at every τ: the same stationary points and regime, exactly.
        var data = DataStatistics.Isotropic(1, Vector<double>.Build.DenseOfArray([1.0]), 2);
        double r = 1.5 / (1 + 1e200);
        var regimes = new HashSet<Regime>();
        foreach (double g in new[] { 0.01, 0.1, 0.33, 0.6 })
        {
            var moderate = ExactSolver.Solve(data, new Architecture(2, [1, 1], [0.5, 0.5], g, [g, g]));
            var underflowing = ExactSolver.Solve(data, new Architecture(2, [1, 1], [1e200, 1e200], g * r, [g, g * r]));
            Assert.Equal(moderate.Regime, underflowing.Regime);
            Assert.Equal(moderate.Solutions.Select(p => p.Kind), underflowing.Solutions.Select(p => p.Kind));
            for (int i = 0; i < moderate.Solutions.Count; i++)
                Tolerance.Close(moderate.Solutions[i].LogTau, underflowing.Solutions[i].LogTau, 1e-12, 1e-12, $"γ = {g}: log τ of point {i}");
            Assert.All(underflowing.Solutions, p => Assert.Equal(0, p.Improvement));
            regimes.Add(moderate.Regime);
        }
        Assert.Equal(3, regimes.Count);
    }

    [Fact]
    public void A_perfect_linear_fit_with_tiny_decay_never_reports_a_loss_below_zero()
    {
        var random = new Random(8);
        for (int trial = 0; trial < 20; trial++)
        {
            var v = Vector<double>.Build.Dense(3, _ => random.NextGaussian());
            // y = vᵀx with A0 = I: E[xy] = v, E[y²] = ‖v‖² exactly (r = 0)
            var data = DataStatistics.Isotropic(1, v, v.DotProduct(v));
            var arch = Architecture.Uniform(1 + trial % 3, 2, 0, 1e-13);
            var exact = ExactSolver.Solve(data, arch);
            Assert.True(exact.GlobalMinimumLoss >= 0, $"trial {trial}: loss {exact.GlobalMinimumLoss}");
            Assert.All(exact.Solutions, s => Assert.True(s.Loss >= 0));
            // the full loss cancels terms of size E[y²]; agreement to its round-off
            Tolerance.Close(exact.GlobalMinimumLoss, ExpectedLoss.Value(data, arch, exact.GlobalMinimumWeights()), 0, 1e-14 * data.Eyy, $"trial {trial}: full loss");
        }
    }
}
