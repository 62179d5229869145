using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit;
using static DeepLinear.Cli.Tests.CliHarness;

namespace DeepLinear.Cli.Tests;

/// <summary>
/// Property tests over random realisable problems with numbers from subnormal to 1e300 (fixed FsCheck seeds, so every run
/// sees the same cases): `deeplinear solve` answers each with a finite, non-negative loss no higher than the
/// trivial loss or any stationary point it reports, never shows a nontrivial point at scale 0, and its printed
/// weights reproduce the loss through the full expected loss. Moderate problems are verified against brute force
/// elsewhere; here an exact rescaling x → s x, y → t y carries them to extreme magnitudes, where every loss must be
/// t² times the moderate one.
/// </summary>
public class ValidProblemProperties
{
    /// <summary>Checks the output contract of `solve` and returns the parsed JSON.</summary>
    static JsonNode SolveAndCheck(DataStatistics data, Architecture arch, string what, bool weights)
    {
        var (code, stdout, stderr) = weights ? OnFile("solve", Problem(data, arch), "--weights") : OnFile("solve", Problem(data, arch));
        Assert.True(code == 0, $"{what}: exit {code}: {stderr}");
        Assert.Equal("", stderr);
        var json = JsonNode.Parse(stdout)!;
        double global = (double)json["globalMinimumLoss"]!, trivial = (double)json["trivialLoss"]!;
        Assert.True(double.IsFinite(global) && global >= 0, $"{what}: globalMinimumLoss {global} must be finite and >= 0 for realisable statistics");
        Assert.True(global <= trivial, $"{what}: globalMinimumLoss {global} above trivialLoss {trivial}");
        var solutions = json["solutions"]!.AsArray();
        bool nontrivial = (string)json["regime"]! == "nontrivial-global";
        Assert.Equal(nontrivial, json["globalMinimumLog10Scale"] is not null);
        int norms = arch.Depth + 1;
        foreach (var s in solutions)
        {
            double loss = (double)s!["loss"]!;
            Assert.True(global <= loss, $"{what}: a stationary point at loss {loss} is below the global minimum {global}");
            Assert.True(double.IsFinite((double)s["log10Scale"]!), $"{what}: log10Scale must be finite");
            Assert.True(s["scale"] is null || (double)s["scale"]! > 0, $"{what}: a nontrivial point reported at scale {s["scale"]}");
            Assert.Equal(norms, s["layerNorms"]!.AsArray().Count);
            Assert.All(s["layerNorms"]!.AsArray(), n => Assert.True(n is null || (double)n > 0, $"{what}: layer norm {n}"));
            Assert.All(s["log10LayerNorms"]!.AsArray(), n => Assert.True(double.IsFinite((double)n!)));
        }
        if (nontrivial) Assert.Contains(solutions, s => (double)s!["loss"]! == global && (string)s["kind"]! == "local-minimum");
        return json;
    }

    [Property(MaxTest = 300, Replay = "(1811,4093)")]
    public Property Rescaled_problems_keep_every_invariant_and_scale_their_losses_by_t_squared() =>
        Prop.ForAll(ProblemGenerators.Scaled.ToArbitrary(), c =>
        {
            var (baseData, baseArch) = c.Base();
            var (data, arch) = c.Scaled();
            string what = c.ToString();
            var moderate = SolveAndCheck(baseData, baseArch, what + " (moderate)", weights: false);
            var extreme = SolveAndCheck(data, arch, what, weights: true);
            // every printed weight round-trips; the full loss sums terms of order E[y²], rounding ~ (d + Σ widths)ε·E[y²]
            double reported = (double)extreme["globalMinimumLoss"]!;
            Tolerance.Close(reported, ExpectedLoss.Value(data, arch, Weights(extreme)), 0, 1e-11 * data.Eyy, $"{what}: full loss of the printed weights");
            // the rescaling is exact, so only round-off separates t²L from L': logs near ±300 carry 300ε ≈ 7e-14
            Assert.Equal((string)moderate["regime"]!, (string)extreme["regime"]!);
            var kinds = (JsonNode n) => n["solutions"]!.AsArray().Select(s => (string)s!["kind"]!).ToArray();
            Assert.Equal(kinds(moderate), kinds(extreme));
            Tolerance.Close(c.LossFactor * (double)moderate["globalMinimumLoss"]!, reported, 1e-11, 1e-13 * data.Eyy, $"{what}: L' = t²L");
            var moderateLosses = moderate["solutions"]!.AsArray().Select(s => (double)s!["loss"]!).ToArray();
            var extremeLosses = extreme["solutions"]!.AsArray().Select(s => (double)s!["loss"]!).ToArray();
            for (int i = 0; i < moderateLosses.Length; i++)
                Tolerance.Close(c.LossFactor * moderateLosses[i], extremeLosses[i], 1e-11, 1e-13 * data.Eyy, $"{what}: stationary point {i}");
            // the rescaling maps the family κ·(γ_u, γ₁, ..., γ_D) onto its image, so the critical factor is the same;
            // both are bisected to adjacent doubles of a regime decision made to round-off
            if (arch.Depth >= 1)
                Tolerance.Close(RegimeDiagram.LogCriticalDecayFactor(baseData, baseArch), RegimeDiagram.LogCriticalDecayFactor(data, arch), 0, 1e-9, $"{what}: log κ*");
        });

    [Property(MaxTest = 120, Replay = "(2027,6151)")]
    public Property Deep_wide_nets_with_extreme_decays_and_statistics_keep_every_invariant() =>
        Prop.ForAll(ProblemGenerators.Deep.ToArbitrary(), c =>
        {
            var (data, arch) = c.Problem();
            SolveAndCheck(data, arch, c.ToString(), weights: false);
            var exact = ExactSolver.Solve(data, arch);
            // every reported point is a root of φ = log h − log λ, the stationarity condition of L(τ)
            foreach (var p in exact.Solutions)
                Assert.True(Math.Abs(exact.Landscape!.Phi(p.LogTau).Phi) < 1e-9 * Math.Max(1, Math.Abs(p.LogTau)), $"{c}: φ = {exact.Landscape.Phi(p.LogTau).Phi} at a stationary point");
        });
}
