using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace DeepLinear.Tests;

/// <summary>
/// <see cref="SolverSettings"/> reach every search: each override below changes a result in the way its setting
/// says, so a setting that stopped being read would fail here; <see cref="RootFinding"/>'s three searches are
/// checked on functions with known answers.
/// </summary>
public class SolverSettingsTests
{
    /// <summary>Whitened data with one direction of signal, ‖E[xy]‖ = 2.</summary>
    static readonly DataStatistics Whitened = DataStatistics.Isotropic(1, Vector<double>.Build.DenseOfArray([2.0, 0]), 6);

    static readonly Architecture Deep = Architecture.Uniform(2, 3, 0.2, 0.05);

    /// <summary>
    /// The D = 2 landscape 1% above its existence threshold: φ peaks at u* = log(g/3) just above zero, so both roots
    /// (a local maximum and a minimum of L) lie inside the isolation window, where φ is negative at both ends.
    /// </summary>
    static Landscape NearThreshold()
    {
        var (existence, _) = RegimeDiagram.CriticalSignals(Whitened, Deep);
        return new Landscape(Whitened, Deep).WithSignalFactor(1.01 * existence / Whitened.SignalNorm);
    }

    [Fact]
    public void No_isolation_budget_loses_the_roots_inside_the_window_and_the_default_finds_them()
    {
        var landscape = NearThreshold();
        Assert.Equal([StationaryKind.LocalMaximum, StationaryKind.LocalMinimum], landscape.StationaryPoints().Select(p => p.Kind));
        // with no budget the window stays one interval whose ends have one sign, which proves nothing either way
        Assert.Empty(landscape.StationaryPoints(SolverSettings.Default with { IsolationBudget = 0 }));
    }

    [Fact]
    public void A_looser_root_accuracy_moves_the_roots_by_no_more_than_it_allows()
    {
        var landscape = NearThreshold();
        var exact = landscape.StationaryPoints();
        var loose = landscape.StationaryPoints(SolverSettings.Default with { RootAccuracy = 1e-3 });
        Assert.Equal(exact.Select(p => p.Kind), loose.Select(p => p.Kind));
        for (int i = 0; i < exact.Count; i++)
        {
            // MathNet's Brent stops when its bracket is within the accuracy or when |φ| is below it, so the root is
            // within accuracy·max(1, 1/|φ′|); 10% more covers φ′'s change over that distance (|φ″| ≤ 1)
            double slope = Math.Abs(landscape.Phi(exact[i].LogTau).Slope);
            Tolerance.Close(exact[i].LogTau, loose[i].LogTau, 0, 1.1e-3 * Math.Max(1, 1 / slope), $"root {i} at accuracy 1e-3 (φ′ = {slope:G3})");
        }
        Assert.True(exact.Zip(loose).Any(p => p.First.LogTau != p.Second.LogTau), "an accuracy of 1e-3 should stop Brent before 1e-13 does");
    }

    [Fact]
    public void A_duplicate_tolerance_wider_than_the_gap_merges_the_two_roots()
    {
        var landscape = NearThreshold();
        var points = landscape.StationaryPoints();
        double gap = points[1].LogTau - points[0].LogTau;
        Assert.Single(landscape.StationaryPoints(SolverSettings.Default with { DuplicateTolerance = 2 * gap }));
        Assert.Equal(2, landscape.StationaryPoints(SolverSettings.Default with { DuplicateTolerance = gap / 2 }).Count);
    }

    [Fact]
    public void The_critical_accuracy_sets_how_close_the_critical_signal_is_to_Theorem_1()
    {
        // D = 1: both critical signals are √(γ_uγ₁) exactly (Theorem 1)
        var arch = new Architecture(1, [3], [0.4], 0.2, [0.05]);
        double theorem1 = Math.Sqrt(0.2 * 0.05);
        var (fine, _) = RegimeDiagram.CriticalSignals(Whitened, arch);
        var (coarse, _) = RegimeDiagram.CriticalSignals(Whitened, arch, SolverSettings.Default with { CriticalAccuracy = 1e-3 });
        // the bisection stops with a bracket of that width in log signal and returns its midpoint
        Tolerance.Close(theorem1, fine, 1e-10, 0, "critical signal at the default 1e-10");
        Tolerance.Close(theorem1, coarse, 1e-3, 0, "critical signal at 1e-3");
        Assert.True(Math.Abs(coarse - theorem1) > 1e-9 * theorem1, $"a 1e-3 bracket should leave more than 1e-9 of error, got {coarse:R}");
    }

    [Fact]
    public void A_critical_value_beyond_the_reach_is_reported_as_infinite()
    {
        // D = 1 with ‖E[xy]‖ = 2: the critical decay is 2 = e^0.69, beyond a reach of 0.5 in log decay
        var arch = (double g) => Architecture.Uniform(1, 3, 0.4, g);
        Tolerance.Close(2, RegimeDiagram.CriticalDecay(Whitened, arch), 1e-10, 0, "γ* = ‖E[xy]‖ (Theorem 1)");
        Assert.Equal(double.PositiveInfinity, RegimeDiagram.CriticalDecay(Whitened, arch, SolverSettings.Default with { CriticalReach = 0.5 }));
        var shortReach = SolverSettings.Default with { DecayFactorReach = 0.5 };
        Assert.Throws<InvalidOperationException>(() => RegimeDiagram.LogCriticalDecayFactor(Whitened, Architecture.Uniform(1, 3, 0.4, 1e-3), shortReach));
    }

    [Fact]
    public void Bad_settings_are_rejected_naming_the_setting()
    {
        Assert.Equal("RootAccuracy", Assert.ThrowsAny<ArgumentException>(() => SolverSettings.Default with { RootAccuracy = 0 }).ParamName);
        Assert.Equal("RootIterations", Assert.ThrowsAny<ArgumentException>(() => SolverSettings.Default with { RootIterations = 0 }).ParamName);
        Assert.Equal("IsolationBudget", Assert.ThrowsAny<ArgumentException>(() => SolverSettings.Default with { IsolationBudget = -1 }).ParamName);
        Assert.Equal("WindowMargin", Assert.ThrowsAny<ArgumentException>(() => SolverSettings.Default with { WindowMargin = double.NaN }).ParamName);
        Assert.Contains("must be > 0", Assert.ThrowsAny<ArgumentException>(() => SolverSettings.Default with { CriticalReach = -1 }).Message);
    }

    [Fact]
    public void Widen_returns_the_first_doubling_step_where_the_question_holds_and_the_step_before()
    {
        var tried = new List<double>();
        var found = RootFinding.Widen(10, -1, x => { tried.Add(x); return x < 0.5; }, reach: 100);
        Assert.Equal((2.0, -6.0), found);
        Assert.Equal([9.0, 8, 6, 2, -6], tried);
        // the last step is cut to the reach, and beyond it there is no bracket
        Assert.Equal((8.0, 10.0), RootFinding.Widen(0, +1, x => x >= 10, reach: 10));
        Assert.Null(RootFinding.Widen(0, +1, x => x > 10, reach: 10));
    }

    [Fact]
    public void Threshold_bisects_to_the_width_asked_or_to_adjacent_doubles()
    {
        Tolerance.Close(Math.PI, RootFinding.Threshold(0, 8, x => x >= Math.PI, 1e-6, 200), 0, 1e-6, "π to 1e-6");
        // width 0: the bracket ends on adjacent doubles around π, so the midpoint is within one ulp of it
        Tolerance.Close(Math.PI, RootFinding.Threshold(0, 8, x => x >= Math.PI, 0, 200), 0, Math.BitIncrement(Math.PI) - Math.PI, "π to an ulp");
        // the halving limit stops it first: 8/2¹⁰ after 10 halvings
        Tolerance.Close(Math.PI, RootFinding.Threshold(0, 8, x => x >= Math.PI, 0, 10), 0, 8.0 / 1024 / 2, "π after 10 halvings");
    }

    [Fact]
    public void Root_finds_a_sign_change_with_Brent_or_with_its_bisection_fallback()
    {
        Tolerance.Close(Math.Sqrt(2), RootFinding.Root(x => x * x - 2, 0, 2, SolverSettings.Default), 0, 2e-13, "√2 by Brent");
        // one Brent iteration cannot reach 1e-13, so the bisection fallback runs to adjacent doubles
        var oneStep = SolverSettings.Default with { RootIterations = 1 };
        Tolerance.Close(Math.Sqrt(2), RootFinding.Root(x => x * x - 2, 0, 2, oneStep), 0, 2 * (Math.BitIncrement(Math.Sqrt(2)) - Math.Sqrt(2)), "√2 by bisection");
        // a step function has no root Brent can converge to; bisection finds its jump
        Tolerance.Close(0.3, RootFinding.Root(x => x < 0.3 ? -1 : 1, 0, 1, oneStep), 0, 1e-15, "jump of a step function");
    }
}
