using MathNet.Numerics.LinearAlgebra;

namespace DeepLinear.Explorer;

/// <summary>
/// The problem the page's controls describe, as the core's <see cref="DataStatistics"/> and <see cref="Architecture"/>:
/// A0 = diag(a₁..a_n), E[xy] with ‖E[xy]‖ = <c>signal</c> spread over the eigen-directions so that direction i
/// carries the fraction wᵢ/Σw of ‖E[xy]‖², and E[y²] = r + E[xy]ᵀA0⁻¹E[xy], so the statistics are always realisable
/// with least-squares loss r. Noise is given as variances σ_k² or as dropout rates p_k
/// (σ² = p/(1 − p), <see cref="Architecture.NoiseVarianceFromDropRate"/>).
/// </summary>
public static class ExplorerProblem
{
    /// <summary>
    /// Builds the problem. Rules: at least one eigenvalue, each &gt; 0 and finite; one signal weight per eigenvalue,
    /// each ≥ 0, not all 0; signal and r finite and ≥ 0; the architecture's rules (<see cref="Architecture"/>)
    /// with every decay &gt; 0 for depth ≥ 1.
    /// </summary>
    public static (DataStatistics Data, Architecture Architecture) Build(double[] eigenvalues, double[] signalWeights, double signal, double residual,
        int depth, int[] widths, double[] noise, bool noiseIsDropRate, double outputDecay, double[] layerDecays)
    {
        ArgumentNullException.ThrowIfNull(eigenvalues);
        ArgumentNullException.ThrowIfNull(signalWeights);
        if (eigenvalues.Length == 0) throw new ArgumentException("eigenvalues must have at least one entry", nameof(eigenvalues));
        if (signalWeights.Length != eigenvalues.Length)
            throw new ArgumentException($"signal weights must have one entry per eigenvalue: {eigenvalues.Length} eigenvalues but {signalWeights.Length} weights", nameof(signalWeights));
        for (int i = 0; i < eigenvalues.Length; i++)
        {
            if (!double.IsFinite(eigenvalues[i]) || eigenvalues[i] <= 0) throw new ArgumentException($"eigenvalues[{i}] must be finite and > 0, got {eigenvalues[i]}", nameof(eigenvalues));
            if (!double.IsFinite(signalWeights[i]) || signalWeights[i] < 0) throw new ArgumentException($"signal weights[{i}] must be finite and >= 0, got {signalWeights[i]}", nameof(signalWeights));
        }
        double total = signalWeights.Sum();
        if (total <= 0) throw new ArgumentException("signal weights must not all be 0: they say how ‖E[xy]‖² is spread over the eigen-directions", nameof(signalWeights));
        if (!double.IsFinite(signal) || signal < 0) throw new ArgumentException($"signal ‖E[xy]‖ must be finite and >= 0, got {signal}", nameof(signal));
        if (!double.IsFinite(residual) || residual < 0) throw new ArgumentException($"r (the least-squares loss E[y²] − E[xy]ᵀA0⁻¹E[xy]) must be finite and >= 0, got {residual}", nameof(residual));
        var a0 = Matrix<double>.Build.DenseOfDiagonalArray(eigenvalues);
        var exy = Vector<double>.Build.Dense(eigenvalues.Length, i => signal * Math.Sqrt(signalWeights[i] / total));
        var explained = new DataStatistics(a0, exy, 0).ExplainedSecondMoment;
        var data = new DataStatistics(a0, exy, residual + explained);
        var variances = noiseIsDropRate ? noise.Select(Architecture.NoiseVarianceFromDropRate).ToArray() : noise;
        var architecture = new Architecture(depth, widths, variances, outputDecay, layerDecays);
        architecture.RequirePositiveDecays();
        return (data, architecture);
    }

    /// <summary>Whether every width, noise variance and decay (γ_u included) is equal: the setting of the paper's bounds (Section 4.2).</summary>
    public static bool IsUniform(Architecture architecture) =>
        architecture.Depth >= 1
        && architecture.Widths.All(w => w == architecture.Widths[0])
        && architecture.NoiseVariances.All(s => s == architecture.NoiseVariances[0])
        && architecture.LayerDecays.All(g => g == architecture.OutputDecay);
}
