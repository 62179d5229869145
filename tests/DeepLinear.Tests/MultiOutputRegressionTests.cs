using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace DeepLinear.Tests;

public class MultiOutputRegressionTests
{
    /// <summary>Samples of y = M x + noise, 4 inputs and 3 outputs: moments that a data set has, by construction.</summary>
    static (Matrix<double> X, Matrix<double> Y) Samples(int seed, int n = 300)
    {
        var random = new Random(seed);
        var x = Matrix<double>.Build.Dense(n, 4, (_, _) => random.NextGaussian());
        var map = Matrix<double>.Build.Dense(3, 4, (_, _) => random.NextGaussian());
        return (x, x * map.Transpose() + 0.5 * Matrix<double>.Build.Dense(n, 3, (_, _) => random.NextGaussian()));
    }

    [Fact]
    public void Loss_from_the_moments_equals_the_mean_squared_error_over_the_samples()
    {
        var (x, y) = Samples(1);
        var f = MultiOutputRegression.FromSamples(x, y);
        var a = Matrix<double>.Build.Dense(3, 4, (i, j) => 0.3 * (i - j) + 0.1);
        double direct = Enumerable.Range(0, x.RowCount).Average(i => (a * x.Row(i) - y.Row(i)).DotProduct(a * x.Row(i) - y.Row(i)));
        // the same sum of squares, reordered through the moments: round-off ~1e-15 of the O(1) terms
        Tolerance.Close(direct, f.Loss(a), 1e-12, 0, "f(A) from moments vs the sample mean");
    }

    [Fact]
    public void Gradient_matches_central_finite_differences_of_the_loss()
    {
        var (x, y) = Samples(2);
        var f = MultiOutputRegression.FromSamples(x, y);
        var a = Matrix<double>.Build.Dense(3, 4, (i, j) => Math.Sin(i + 2 * j));
        var gradient = f.Gradient(a);
        const double h = 1e-4;
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 4; j++)
            {
                var plus = a.Clone(); plus[i, j] += h;
                var minus = a.Clone(); minus[i, j] -= h;
                // f is quadratic: a central difference has no truncation error, only round-off ε₆₄·|f|/h ~ 1e-11
                Tolerance.Close((f.Loss(plus) - f.Loss(minus)) / (2 * h), gradient[i, j], 0, 1e-9, $"∂f/∂A[{i},{j}]");
            }
    }

    [Fact]
    public void Least_squares_loss_from_the_singular_values_equals_the_loss_at_the_normal_equations_solution()
    {
        var (x, y) = Samples(3);
        var f = MultiOutputRegression.FromSamples(x, y);
        var normal = f.Syx * f.A0.Inverse();
        // two routes (SVD of E[yxᵀ]A₀^{−1/2} vs A = E[yxᵀ]A₀⁻¹), each with ~1e-15 relative round-off
        Tolerance.Close(f.Loss(normal), f.LeastSquaresLoss, 1e-12, 0, "least squares");
        Tolerance.Close(0, f.Gradient(normal).FrobeniusNorm(), 0, 1e-12, "‖∇f‖ at the least-squares map");
        Tolerance.Close(0, f.BestRankGradientNorm(3), 0, 0, "‖∇f‖ at full rank (no singular values left)");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Best_rank_r_loss_and_gradient_norm_match_multi_start_minimisation_over_rank_r_factors(int rank)
    {
        var (x, y) = Samples(4);
        var f = MultiOutputRegression.FromSamples(x, y);
        // A = P Q with P 3 × r and Q r × 4 ranges over every map of rank ≤ r; L-BFGS over (P, Q) from random starts,
        // with the gradient ∂/∂P = ∇f Qᵀ, ∂/∂Q = Pᵀ∇f (∇f itself is checked by finite differences above)
        Matrix<double> P(Vector<double> v) => Matrix<double>.Build.DenseOfColumnMajor(3, rank, v.SubVector(0, 3 * rank).ToArray());
        Matrix<double> Q(Vector<double> v) => Matrix<double>.Build.DenseOfColumnMajor(rank, 4, v.SubVector(3 * rank, 4 * rank).ToArray());
        (double F, Vector<double> G) Objective(Vector<double> v)
        {
            var g = f.Gradient(P(v) * Q(v));
            var gradient = (g * Q(v).Transpose()).ToColumnMajorArray().Concat((P(v).Transpose() * g).ToColumnMajorArray());
            return (f.Loss(P(v) * Q(v)), Vector<double>.Build.DenseOfEnumerable(gradient));
        }
        var random = new Random(10 + rank);
        var ends = Enumerable.Range(0, 6).Select(_ => BruteForce.Lbfgs(Objective, Vector<double>.Build.Dense(7 * rank, _ => random.NextGaussian()), 1e-10, 5000)).ToArray();
        Assert.All(ends, e => Assert.Equal(LbfgsStop.Converged, e.Stop));
        var best = ends.MinBy(e => e.F);
        // converged to ‖∇‖∞ ≤ 1e-10 on a loss of O(10): the value is exact to round-off (~1e-14 relative)
        Tolerance.Close(f.BestRankLoss(rank), best.F, 1e-12, 0, $"best rank-{rank} loss (Eckart–Young vs L-BFGS)");
        // the gradient norm moves with the map, known to ~1e-10 / (smallest curvature ~0.1)
        Tolerance.Close(f.BestRankGradientNorm(rank), f.Gradient(P(best.X) * Q(best.X)).FrobeniusNorm(), 1e-8, 0, $"‖∇f‖ at the best rank-{rank} map");
        Assert.True(f.BestRankLoss(rank) > f.LeastSquaresLoss + 1e-3, "a rank cap below min(d₀, d_L) costs loss on these data");
    }

    [Fact]
    public void Each_singular_pair_gives_a_critical_point_of_the_width_one_chain_with_loss_trace_minus_its_singular_value_squared()
    {
        var (x, y) = Samples(5);
        var f = MultiOutputRegression.FromSamples(x, y);
        for (int i = 0; i < 3; i++)
        {
            var layers = f.SingularPairLayers(i);
            // the gradient there cancels by the orthogonality of the singular vectors: round-off only
            Tolerance.Close(0, LinearChain.Gradients(f, layers).Sum(g => g.FrobeniusNorm()), 0, 1e-12, $"pair {i}: ‖∇F‖");
            Tolerance.Close(f.TraceSyy - f.SingularValues[i] * f.SingularValues[i], LinearChain.Loss(f, layers), 1e-12, 0, $"pair {i}: loss");
        }
    }

    [Fact]
    public void Bad_input_is_refused_naming_the_parameter()
    {
        var (x, y) = Samples(6, n: 10);
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => MultiOutputRegression.FromSamples(x, y.SubMatrix(0, 9, 0, 3))).ParamName);
        var singular = Matrix<double>.Build.Dense(4, 4);
        Assert.Equal("a0", Assert.Throws<ArgumentException>(() => new MultiOutputRegression(singular, Matrix<double>.Build.Dense(3, 4), 1)).ParamName);
        var f = MultiOutputRegression.FromSamples(x, y);
        Assert.Equal("rank", Assert.Throws<ArgumentOutOfRangeException>(() => f.BestRankLoss(4)).ParamName);
        Assert.Equal("a", Assert.Throws<ArgumentException>(() => f.Loss(Matrix<double>.Build.Dense(4, 3))).ParamName);
    }
}
