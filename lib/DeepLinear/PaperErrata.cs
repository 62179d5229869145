namespace DeepLinear;

/// <summary>
/// One place where a paper's printed formula or statement and brute force part: what is printed, what the library
/// implements and tests instead, and the notebook cell that shows it. The site's errata page is generated from
/// <see cref="PaperErrata.All"/>, so it and the library cannot drift apart.
/// </summary>
/// <param name="Paper">Which paper: "Ziyin, Li &amp; Meng (2022)" or the companion paper's short title.</param>
/// <param name="Location">Where in it (equation, proposition, figure).</param>
/// <param name="Printed">What the paper prints.</param>
/// <param name="Verified">What brute force (or an exact limit) confirms, as the library implements it.</param>
/// <param name="Implementation">The library member that implements the verified form.</param>
/// <param name="Notebook">The notebook file (in notebooks/) that demonstrates it.</param>
/// <param name="CellId">The id of the cell in that notebook whose check or chart shows it.</param>
public sealed record PaperErratum(string Paper, string Location, string Printed, string Verified, string Implementation, string Notebook, string CellId);

/// <summary>Every known place where the papers' print and brute force part (see <see cref="PaperErratum"/>).</summary>
public static class PaperErrata
{
    const string Main = "Ziyin, Li & Meng (2022)";
    const string Initialisation = "On the Role of Initialization on the Implicit Bias in Deep Linear Networks";

    public static IReadOnlyList<PaperErratum> All { get; } =
    [
        new(Main, "Proposition 2", "the Hessian of the loss at zero is γI for D ≥ 2",
            "it is 2γI: the second derivative of γw² is 2γ", "ExpectedLoss.HessianAtZero", "02-depth-d-solution.ipynb", "cell-13"),
        new(Main, "Eq. 16", "the upper bound on the scale b* uses a_max",
            "it needs a_min: with a_max it fails when the signal lies along small eigenvalues of A0", "UniformNetwork.ScaleBounds", "02-depth-d-solution.ipynb", "cell-19"),
        new(Main, "Eq. 20", "for large depth a solution exists when ‖E[xy]‖² ≳ 4d₀²a_maxγ·e^{D log((σ²+d₀)/d₀)}",
            "the prefactor is 4a_maxγ·d₀/(σ²+d₀), the large-depth limit of Eq. 15; the exponential rate agrees", "UniformNetwork.LogLargeDepthSignalSquared", "03-regime-diagram.ipynb", "cell-20"),
        new(Main, "Theorem 4, Eq. 100", "the variance at the minimum carries d₀^{3D}",
            "it carries d₀^{D+2}: d₀^{D+2}[(σ²+d₀)^D − d₀^D] b^{2D+2}(E[xy]·x)²/‖E[xy]‖²", "PredictionVariance.AtGlobalMinimum", "05-prediction-variance.ipynb", "cell-13"),
        new(Main, "Theorem 4, Eq. 101", "the bound on the variance divides by σ_x²",
            "it divides by σ_x⁴", "PredictionVariance.UniformWhitenedBound", "05-prediction-variance.ipynb", "cell-13"),
        new(Main, "Theorem 4, main text", "the variance decays with depth like e^{−2D log((σ²+d₀)/d₀)}",
            "it decays at half that rate, e^{−D log((σ²+d₀)/d₀)}", "PredictionVariance.AtGlobalMinimum", "05-prediction-variance.ipynb", "cell-13"),
        new(Main, "Theorem 2 and Eq. 11", "the reduced loss writes γ_w for the first layer's decay term and d_{k−1} for the widths",
            "the first layer's decay enters as γ₁d₁ and the widths as d_k; both agree with the print for equal widths and decays (Eq. 17)", "Landscape", "02-depth-d-solution.ipynb", "cell-07"),
        new(Main, "Section 5, Figure 2", "along the solution, the ReLU landscape agrees with the linear one on one side of b = 0",
            "on Gaussian data it agrees on neither side; what holds exactly is f_relu(b) + f_relu(−b) = f_lin(b)", "SampleLoss", "06-nonlinear-landscapes.ipynb", "cell-16"),
        new(Main, "Section 5, Figure 2", "the nonlinear landscapes have the same number of local minima as the linear one",
            "only Tanh does; Swish, and ReLU unless a sampling term exceeds γ_u, gain a minimum at zero along that line", "GridMinima", "06-nonlinear-landscapes.ipynb", "cell-19"),
        new(Initialisation, "Theorem 4", "for A of any rank, gradient descent ends at V₂V₂ᵀy₀ + θ* with V₂ the last d − n right singular vectors",
            "V₂ must span all d − r null directions (r the rank) and θ* = A⁺b; with the last d − n columns the limit is wrong for r < n", "UnderdeterminedLeastSquares", "09-initialisation-implicit-bias.ipynb", "cell-12"),
    ];
}
