using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace DeepLinear.Tests;

/// <summary>Statistics some data set has: E[y²] ≥ E[xy]ᵀA0⁺E[xy] (Cauchy–Schwarz), up to a justified round-off slack.</summary>
public class RealisabilityTests
{
    [Fact]
    public void The_least_squares_loss_is_the_residual_of_the_best_linear_predictor_on_samples()
    {
        var random = new Random(4);
        var x = Matrix<double>.Build.Dense(40, 3, (_, _) => random.NextGaussian());
        var y = Vector<double>.Build.Dense(40, r => x[r, 0] - 2 * x[r, 1] + 0.5 * random.NextGaussian());
        var data = DataStatistics.FromSamples(x, y);
        var v = x.QR().Solve(y);
        double residual = (x * v - y).DotProduct(x * v - y) / 40;
        // both are least squares on a well-conditioned X; they differ by round-off
        Tolerance.Close(residual, data.LeastSquaresLoss, 1e-12, 0, "r = min_v E[(y − vᵀx)²]");
        Tolerance.Close(data.Eyy - residual, data.ExplainedSecondMoment, 1e-12, 0, "Q = E[ŷ²]");
        Assert.True(data.IsRealisable);
    }

    [Fact]
    public void A_perfect_fit_from_samples_is_realisable_with_zero_residual_even_when_ill_conditioned()
    {
        var random = new Random(6);
        // columns of very different scale: κ(A0) ≈ 1e10
        var x = Matrix<double>.Build.Dense(30, 3, (r, c) => random.NextGaussian() * Math.Pow(1e5, c - 1));
        var y = x * Vector<double>.Build.DenseOfArray([1, -3, 0.5]);
        var data = DataStatistics.FromSamples(x, y);
        Assert.True(data.IsRealisable);
        Assert.True(data.LeastSquaresLoss >= 0);
        // r = 0 exactly; its computed value is round-off of E[y²]
        Tolerance.Close(0, data.LeastSquaresLoss, 0, 1e-12 * data.Eyy, "r of a perfect fit");
    }

    [Fact]
    public void Given_statistics_are_accepted_up_to_the_slack_and_rejected_beyond_it()
    {
        var a0 = Matrix<double>.Build.DenseOfDiagonalArray([1.0, 4.0]);
        var c = Vector<double>.Build.DenseOfArray([1.0, 2.0]);
        // Q = 1/1 + 4/4 = 2
        var exact = new DataStatistics(a0, c, 2);
        Assert.True(exact.IsRealisable);
        Assert.Equal(0, exact.LeastSquaresLoss);
        Assert.True(new DataStatistics(a0, c, 2 * (1 - 0.5e-9)).IsRealisable, "within the 1e-9 slack for rounded inputs");
        Assert.Equal(0, new DataStatistics(a0, c, 2 * (1 - 0.5e-9)).LeastSquaresLoss);
        var beyond = new DataStatistics(a0, c, 2 * (1 - 1e-7));
        Assert.False(beyond.IsRealisable);
        // r = E[y²] − Q cancels two numbers near 2, so its error is a few ulps of 2 (4.4e-16 each), not a fraction of r
        Tolerance.Close(-2e-7, beyond.LeastSquaresLoss, 0, 2e-15, "r of statistics no data set has");
        var e = Assert.ThrowsAny<ArgumentException>(() => beyond.RequireRealisable());
        Assert.StartsWith("outputSecondMoment must be at least E[xy]ᵀA0⁺E[xy] = 2,", e.Message);
        Assert.Equal("outputSecondMoment", e.ParamName);
    }

    [Fact]
    public void The_slack_grows_with_the_conditioning_of_the_signal_directions()
    {
        var ill = new DataStatistics(Matrix<double>.Build.DenseOfDiagonalArray([1e-10, 1.0]), Vector<double>.Build.DenseOfArray([1e-5, 1.0]), 2);
        // κ = 1e10 over the two signal directions, d = 2: 1e-9 + 32·2.2e-16·1e10; κ is a ratio of the eigenvalues of
        // a diagonal A0, exact to a few ulps, so the slack is too
        Tolerance.Close(1e-9 + 32 * 2.220446049250313e-16 * 1e10, ill.RealisabilitySlack, 1e-14, 0, "slack");
        var flat = new DataStatistics(Matrix<double>.Build.DenseOfDiagonalArray([1e-10, 1.0]), Vector<double>.Build.DenseOfArray([0, 1.0]), 2);
        Tolerance.Close(1e-9 + 32 * 2.220446049250313e-16, flat.RealisabilitySlack, 1e-14, 0, "slack with one signal direction");
    }

    [Fact]
    public void Zero_labels_admit_no_signal_and_the_library_still_sweeps_beyond_realisable()
    {
        Assert.False(DataStatistics.Isotropic(2, Vector<double>.Build.DenseOfArray([0.1]), 0).IsRealisable);
        // Q = 2e-600/1e-150 underflows float64, yet it exceeds E[y²] = 0: decided in logs
        var invisible = DataStatistics.Isotropic(1e-150, Vector<double>.Build.Dense(2, 1e-300), 0);
        Assert.Equal(0, invisible.ExplainedSecondMoment);
        Assert.False(invisible.IsRealisable);
        Assert.Contains("E[xy]ᵀA0⁺E[xy] = 10^-449.70", Assert.ThrowsAny<ArgumentException>(() => invisible.RequireRealisable()).Message);
        Assert.True(DataStatistics.Isotropic(1e-150, Vector<double>.Build.Dense(2, 1e-300), 1e-320).IsRealisable);
        Assert.True(DataStatistics.Isotropic(2, Vector<double>.Build.DenseOfArray([0.0]), 0).IsRealisable);
        // signal sweeps at fixed E[y²] (the notebooks') may leave the realisable set; the solver still answers
        var swept = DataStatistics.Isotropic(1, Vector<double>.Build.DenseOfArray([3.0]), 1);
        Assert.False(swept.IsRealisable);
        var exact = ExactSolver.Solve(swept, Architecture.Ridge(0));
        Tolerance.Close(1 - 9, exact.GlobalMinimumLoss, 1e-15, 0, "least squares E[y²] − ‖E[xy]‖²/σx² below zero");
    }
}
