namespace DeepLinear.Notebooks.Site;

/// <summary>
/// Each section notebook's setting as explorer.html's URL parameters, keyed by notebook file name, so its page links
/// the explorer preset to it and the explorer links back. Kept here, not in the notebooks, so that the notebooks stay
/// free of site concerns; the values repeat the defaults of each notebook's parameters cell where it has them
/// (a test compares them), and otherwise the architecture its exact cells build (depth, noise), on whitened inputs
/// (A0 = I: the notebooks' samples have unit input variance, and on isotropic data the landscape depends on E[xy]
/// only through ‖E[xy]‖). 07 (real data) and 09 (no weight decay) have no setting the explorer's controls describe.
/// </summary>
public static class ExplorerPresets
{
    /// <summary>One notebook's setting: depth, width, noise (σ² or, with <see cref="Dropout"/>, the drop rate), shared decay, ‖E[xy]‖.</summary>
    public sealed record Preset(int Depth, int Width, double Noise, bool Dropout, double Decay, double Signal, string Explains);

    /// <summary>The presets by notebook file name (without .ipynb).</summary>
    public static readonly IReadOnlyDictionary<string, Preset> All = new Dictionary<string, Preset>(StringComparer.Ordinal)
    {
        ["01-two-layer-solution"] = new(1, 8, 0.2, true, 0.1, 0.6, "D = 1: zero is a saddle above Theorem 1's signal √(γ_uγ₁)"),
        ["02-depth-d-solution"] = new(2, 3, 0.2, true, 0.1, 1.0, "D ≥ 2: zero is a local minimum, the nontrivial minimum appears with a jump"),
        ["03-regime-diagram"] = new(2, 4, 1.0, false, 0.1, 1.0, "the regime map and how depth moves its boundaries"),
        ["04-initialisation-failure"] = new(2, 32, 0, false, 0.01, 0.2, "the bad minimum at zero that a small initialisation cannot leave"),
        ["05-prediction-variance"] = new(2, 4, 1.0, false, 0.01, 3.0, "noise and depth at a strong signal"),
        ["06-nonlinear-landscapes"] = new(2, 4, 0, false, 0.1, 0.5, "the linear landscape that the nonlinear ones are compared with"),
        ["08-no-bad-minima"] = new(2, 4, 0, false, 0.05, 1.0, "minima of the deep net with weight decay"),
    };

    /// <summary>The query string of <c>explorer.html</c> for <paramref name="notebook"/>, or null when it has no preset.</summary>
    public static string? Query(string notebook)
    {
        if (!All.TryGetValue(notebook, out var p)) return null;
        string Number(double v) => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        return $"depth={p.Depth}&width={p.Width}&noise={Number(p.Noise)}&noise-kind={(p.Dropout ? "dropout" : "variance")}"
             + $"&decay={Number(p.Decay)}&signal={Number(p.Signal)}&notebook={Uri.EscapeDataString(notebook)}";
    }
}
