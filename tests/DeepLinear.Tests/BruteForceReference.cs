using Xunit;

namespace DeepLinear.Tests;

/// <summary>
/// Brute force as the tests' reference: every L-BFGS endpoint must be stationary (a failed line search or an
/// exhausted budget fails the test instead of passing for a minimum), and only endpoints that the second-order
/// check confirms as local minima are returned, best first.
/// </summary>
public static class BruteForceReference
{
    /// <summary>
    /// The verified local minima from <paramref name="starts"/> random starts. Each lies within 1e-8 of an exact minimum
    /// (<see cref="FoundMinimum.DistanceBound"/>; measured at most 1e-9 on the tests' problems), which is what lets the tests
    /// compare quantities of order 0.1 or more read off the weights at 1e-7, and losses at 1e-12.
    /// </summary>
    public static IReadOnlyList<FoundMinimum> Minima(DataStatistics data, Architecture architecture, int starts, int seed)
    {
        var endpoints = BruteForce.Minimise(data, architecture, starts, seed);
        foreach (var e in endpoints)
            Assert.True(e.IsConverged, $"seed {seed}: an L-BFGS run stopped ({e.Stop}) at ‖∇L‖∞ = {e.GradientNorm:G3} > {e.GradientTolerance:G3}");
        var minima = endpoints.Where(e => e.IsMinimum).ToList();
        Assert.True(minima.Count > 0, $"seed {seed}: none of {starts} endpoints is a verified minimum");
        foreach (var m in minima)
            Assert.True(m.DistanceBound <= 1e-8, $"seed {seed}: a minimum is only known to within {m.DistanceBound:G3}");
        return minima;
    }

    /// <summary>
    /// The regime brute force sees: no nontrivial minimum, a nontrivial one that beats E[y²] by more than L's round-off
    /// (1e-12·E[y²]; the minima's own losses are converged far below that), or only ones that do not.
    /// </summary>
    public static Regime RegimeOf(IReadOnlyList<FoundMinimum> minima, double eyy)
    {
        var nontrivial = minima.Where(m => !m.IsTrivial).ToList();
        if (nontrivial.Count == 0) return Regime.TrivialOnly;
        return nontrivial.Min(m => m.Loss) < eyy * (1 - 1e-12) ? Regime.NontrivialGlobal : Regime.TrivialGlobal;
    }

    /// <summary>Section 3's b of a two-layer net's weights, from U = b r with r ∈ {±1}^{d₁}: b = ‖U‖/√d₁.</summary>
    public static double TwoLayerScale(NetworkWeights weights) => weights.U.L2Norm() / Math.Sqrt(weights.U.Count);

    /// <summary>Eq. 17's per-layer scale b of a uniform network's weights, from U = √d₀ b r_D: b = ‖U‖/d₀.</summary>
    public static double PaperScale(NetworkWeights weights) => weights.U.L2Norm() / weights.U.Count;
}
