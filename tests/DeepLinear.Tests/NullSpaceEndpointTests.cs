using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace DeepLinear.Tests;

public class NullSpaceEndpointTests
{
    static readonly Random Draws = new(17);
    static readonly Matrix<double> A = Matrix<double>.Build.Dense(3, 6, (_, _) => RandomProblems.Gaussian(Draws));
    static readonly Vector<double> B = Vector<double>.Build.Dense(3, _ => RandomProblems.Gaussian(Draws));
    static readonly UnderdeterminedLeastSquares Problem = new(A, B);

    static Matrix<double> Gaussian(Random random, int rows, int columns, double scale) =>
        Matrix<double>.Build.Dense(rows, columns, (_, _) => scale * RandomProblems.Gaussian(random));

    [Fact]
    public void A_constructed_interpolating_end_point_has_the_measures_computed_by_hand()
    {
        // Final W₁ = R + C with R = u θ*ᵀ/‖u‖², so U W₁ = θ*ᵀ + U C exactly, A(U C)ᵀ = 0 and C is untouched.
        var random = new Random(3);
        var w0 = Gaussian(random, 4, 6, 1);
        var u = Vector<double>.Build.Dense(4, _ => RandomProblems.Gaussian(random));
        var projector = Problem.NullSpaceBasis * Problem.NullSpaceBasis.Transpose();
        var c = w0 * projector;
        var final = new NetworkWeights(u, [u.OuterProduct(Problem.MinimumNormSolution) / u.DotProduct(u) + c]);
        var measured = NullSpaceEndpoint.Of(Problem, new NetworkWeights(u, [w0]), final);
        double kept = (c.TransposeThisAndMultiply(u)).L2Norm();
        // One float64 evaluation each way of the same few products: round-off ~1e-15, 1e-12 leaves a margin.
        Tolerance.Close(kept, measured.Distance, 1e-12, 0, "‖w∞ − θ*‖ = ‖U C‖");
        Tolerance.Close(kept, measured.Kept, 1e-12, 0, "‖v∞ C‖");
        Tolerance.Close(0, measured.Drift, 0, 1e-12, "C unchanged");
        Tolerance.Close(0, measured.Residual, 0, 1e-12, "interpolates");
        Tolerance.Close(u.L2Norm(), measured.NormProduct, 1e-15, 0, "norm product for D = 1 is ‖U‖");
        Tolerance.Close(c.L2Norm(), measured.CNorm, 1e-15, 0, "spectral norm of C");
    }

    [Fact]
    public void Gradient_descent_on_a_one_hidden_layer_net_ends_where_the_conserved_null_space_part_says()
    {
        // Independent route: plain gradient descent on ½‖A(U W₁)ᵀ − b‖² written out here, no library trainer.
        var random = new Random(5);
        var w = Gaussian(random, 4, 6, 0.3);
        var u = Vector<double>.Build.Dense(4, _ => 0.3 * RandomProblems.Gaussian(random));
        var initial = new NetworkWeights(u.Clone(), [w.Clone()]);
        double step = 0.02;
        for (int k = 0; k < 40000; k++)
        {
            var residual = A * w.TransposeThisAndMultiply(u) - B;
            var gradientOfProduct = A.TransposeThisAndMultiply(residual);
            var gradientOfU = w * gradientOfProduct;
            w -= u.OuterProduct(gradientOfProduct) * step;
            u -= gradientOfU * step;
        }
        var measured = NullSpaceEndpoint.Of(Problem, initial, new NetworkWeights(u, [w]));
        // The run converges to round-off (residual ~1e-15); C moves only by round-off per step.
        Assert.True(measured.Residual < 1e-10, $"residual {measured.Residual:E2}");
        Assert.True(measured.Drift < 1e-12, $"drift {measured.Drift:E2}");
        Tolerance.Close(measured.Kept, measured.Distance, 0, measured.Residual / Problem.SingularValues[^1] + 1e-12, "‖w∞ − θ*‖ = ‖v∞ C‖");
        Assert.True(measured.Distance <= measured.NormProduct * measured.CNorm * (1 + 1e-12), "the norm-product bound");
        Assert.True(measured.Distance > 1e-3, $"a random start keeps a visible null-space error, got {measured.Distance:E2}");
    }

    [Fact]
    public void For_depth_zero_the_end_point_is_theorem_4s_limit()
    {
        var y0 = Vector<double>.Build.Dense(6, _ => RandomProblems.Gaussian(new Random(9)));
        var measured = NullSpaceEndpoint.Of(Problem, new NetworkWeights(y0, []), new NetworkWeights(Problem.GradientDescentLimit(y0), []));
        var kept = (Problem.NullSpaceBasis * Problem.NullSpaceBasis.Transpose() * y0).L2Norm();
        Tolerance.Close(kept, measured.Distance, 1e-12, 0, "‖y∞ − θ*‖ = ‖V₂V₂ᵀy₀‖");
        Tolerance.Close(kept, measured.CNorm, 1e-12, 0, "C for D = 0");
        Assert.Equal(1.0, measured.NormProduct);
    }

    [Fact]
    public void Weights_of_another_net_or_input_dimension_are_refused_naming_the_parameter()
    {
        var u = Vector<double>.Build.Dense(4, 1.0);
        var deep = new NetworkWeights(u, [Matrix<double>.Build.Dense(4, 6, 1.0)]);
        Assert.Equal("final", Assert.Throws<ArgumentException>(() => NullSpaceEndpoint.Of(Problem, deep, new NetworkWeights(Vector<double>.Build.Dense(6), []))).ParamName);
        var narrow = new NetworkWeights(u, [Matrix<double>.Build.Dense(4, 5, 1.0)]);
        Assert.Equal("initial", Assert.Throws<ArgumentException>(() => NullSpaceEndpoint.Of(Problem, narrow, deep)).ParamName);
    }
}
