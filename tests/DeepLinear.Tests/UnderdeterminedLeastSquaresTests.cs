using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace DeepLinear.Tests;

public class UnderdeterminedLeastSquaresTests
{
    static Matrix<double> RandomMatrix(Random random, int rows, int columns) =>
        Matrix<double>.Build.Dense(rows, columns, (_, _) => RandomProblems.Gaussian(random));

    static Vector<double> RandomVector(Random random, int length) =>
        Vector<double>.Build.Dense(length, _ => RandomProblems.Gaussian(random));

    // Brute force: the iteration itself, long enough that the slowest direction has shrunk below round-off.
    static Vector<double> GradientDescent(Matrix<double> a, Vector<double> b, Vector<double> start, double step, int iterations)
    {
        var y = start.Clone();
        for (int k = 0; k < iterations; k++) y -= step * a.TransposeThisAndMultiply(a * y - b);
        return y;
    }

    static void VectorsClose(Vector<double> expected, Vector<double> actual, double tolerance, string what) =>
        Tolerance.Close(0, (expected - actual).L2Norm(), 0, tolerance * (1 + expected.L2Norm()), what);

    static double SlowestContraction(UnderdeterminedLeastSquares problem, double step) =>
        problem.SingularValues.Max(s => Math.Abs(1 - step * s * s));

    [Theory]
    [InlineData(1, 4, 9)]
    [InlineData(2, 1, 5)]
    [InlineData(3, 6, 6)]
    public void Gradient_descent_from_a_random_start_ends_at_Theorem_4s_limit(int seed, int n, int d)
    {
        var random = new Random(seed);
        var a = RandomMatrix(random, n, d);
        var b = RandomVector(random, n);
        var problem = new UnderdeterminedLeastSquares(a, b);
        Assert.Equal(n, problem.Rank);
        Assert.Equal(d - n, problem.NullSpaceBasis.ColumnCount);
        double step = 1 / (problem.SingularValues[0] * problem.SingularValues[0]);
        int iterations = (int)Math.Ceiling(Math.Log(1e-18) / Math.Log(SlowestContraction(problem, step)));
        var start = RandomVector(random, d);
        // a contraction iterated to round-off: agreement to a few hundred ulps of the vectors' size
        VectorsClose(problem.GradientDescentLimit(start), GradientDescent(a, b, start, step, iterations), 1e-12, "limit of gradient descent");
        // full row rank: θ* is the textbook Aᵀ(AAᵀ)⁻¹b and solves the system
        VectorsClose(a.Transpose() * (a * a.Transpose()).Solve(b), problem.MinimumNormSolution, 1e-10, "θ* = Aᵀ(AAᵀ)⁻¹b");
        VectorsClose(b, a * problem.MinimumNormSolution, 1e-12, "Aθ* = b");
        Tolerance.Close(0, (a * problem.NullSpaceBasis).FrobeniusNorm(), 0, 1e-12 * a.FrobeniusNorm(), "A V₂ = 0");
    }

    [Fact]
    public void For_a_rank_deficient_A_the_kept_component_spans_all_d_minus_r_null_directions_not_the_printed_d_minus_n()
    {
        var random = new Random(4);
        int n = 4, d = 9;
        var a = RandomMatrix(random, n, 2) * RandomMatrix(random, 2, d);
        var b = RandomVector(random, n);
        var problem = new UnderdeterminedLeastSquares(a, b);
        Assert.Equal(2, problem.Rank);
        double step = 1 / (problem.SingularValues[0] * problem.SingularValues[0]);
        int iterations = (int)Math.Ceiling(Math.Log(1e-18) / Math.Log(SlowestContraction(problem, step)));
        var start = RandomVector(random, d);
        var measured = GradientDescent(a, b, start, step, iterations);
        VectorsClose(problem.GradientDescentLimit(start), measured, 1e-11, "limit of gradient descent, rank 2 of 4");
        // The printed V₂ (the last d − n right singular vectors) drops the two zero-singular-value directions in V₁.
        var v = a.Svd(computeVectors: true).VT.Transpose();
        var printedV2 = v.SubMatrix(0, d, n, d - n);
        var printed = printedV2 * printedV2.TransposeThisAndMultiply(start) + problem.MinimumNormSolution;
        Assert.True((printed - measured).L2Norm() > 0.1, $"the printed form should miss the extra null directions, differs by {(printed - measured).L2Norm():G3}");
        // b is not in the range of A here: the limit is a least-squares solution, not a solution
        Tolerance.Close(0, a.TransposeThisAndMultiply(a * measured - b).L2Norm(), 0, 1e-10, "normal equations at the limit");
    }

    [Fact]
    public void Distance_to_the_limit_follows_the_per_direction_contraction_exactly()
    {
        var random = new Random(5);
        var a = RandomMatrix(random, 3, 7);
        var b = RandomVector(random, 3);
        var problem = new UnderdeterminedLeastSquares(a, b);
        var start = RandomVector(random, 7);
        double step = 0.8 * problem.StableStepLimit;
        var limit = problem.GradientDescentLimit(start);
        foreach (int k in new[] { 0, 1, 10, 100 })
            Tolerance.Close((GradientDescent(a, b, start, step, k) - limit).L2Norm(), problem.DistanceToLimit(start, step, k), 1e-9, 1e-14,
                $"‖y_k − y∞‖ at k = {k}");
    }

    [Fact]
    public void Algorithm_1s_start_steers_gradient_descent_to_a_chosen_solution()
    {
        var random = new Random(6);
        var a = RandomMatrix(random, 3, 8);
        var b = RandomVector(random, 3);
        var problem = new UnderdeterminedLeastSquares(a, b);
        var target = problem.MinimumNormSolution + problem.NullSpaceBasis * RandomVector(random, 5);
        var start = problem.StartFor(target);
        VectorsClose(target - problem.MinimumNormSolution, start, 1e-12, "the start is θ − θ*");
        double step = 1 / (problem.SingularValues[0] * problem.SingularValues[0]);
        int iterations = (int)Math.Ceiling(Math.Log(1e-18) / Math.Log(SlowestContraction(problem, step)));
        VectorsClose(target, GradientDescent(a, b, start, step, iterations), 1e-12, "gradient descent lands on the target");
    }

    [Fact]
    public void Invalid_input_names_the_parameter_and_the_rule()
    {
        var a = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 0, 0 }, { 0, 1, 0 } });
        var b = Vector<double>.Build.DenseOfArray([1, 2]);
        var bad = a.Clone();
        bad[0, 1] = double.NaN;
        Assert.Equal("a", Assert.Throws<ArgumentException>(() => new UnderdeterminedLeastSquares(bad, b)).ParamName);
        Assert.Equal("b", Assert.Throws<ArgumentException>(() => new UnderdeterminedLeastSquares(a, Vector<double>.Build.Dense(3))).ParamName);
        var problem = new UnderdeterminedLeastSquares(a, b);
        Assert.Equal("start", Assert.Throws<ArgumentException>(() => problem.GradientDescentLimit(Vector<double>.Build.Dense(2))).ParamName);
        Assert.Equal("step", Assert.Throws<ArgumentException>(() => problem.DistanceToLimit(Vector<double>.Build.Dense(3), 0, 1)).ParamName);
        var notASolution = Vector<double>.Build.DenseOfArray([1, 3, 5]);
        var e = Assert.Throws<ArgumentException>(() => problem.StartFor(notASolution));
        Assert.Equal("target", e.ParamName);
        Assert.Contains("least-squares solution", e.Message);
        VectorsClose(Vector<double>.Build.DenseOfArray([0, 0, 5]), problem.StartFor(Vector<double>.Build.DenseOfArray([1, 2, 5])), 1e-15, "start for (1, 2, 5)");
    }
}
