using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace DeepLinear.Tests;

public class NonlinearLandscapeTests
{
    static (Matrix<double> X, Vector<double> Y) Sample(Random random, int n, int d)
    {
        var x = Matrix<double>.Build.Dense(n, d, (_, _) => RandomProblems.Gaussian(random));
        var y = Vector<double>.Build.Dense(n, i => Math.Tanh(x[i, 0]) - 0.4 * x[i, d - 1] + 0.2 * RandomProblems.Gaussian(random));
        return (x, y);
    }

    static Architecture Noiseless(Random random, int depth) =>
        new(depth, Enumerable.Range(0, depth).Select(_ => random.Next(1, 4)).ToArray(), new double[depth],
            0.02 + 0.1 * random.NextDouble(), Enumerable.Range(0, depth).Select(_ => 0.02 + 0.1 * random.NextDouble()).ToArray());

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 2)]
    [InlineData(2, 3)]
    [InlineData(3, 4)]
    public void Identity_sample_loss_equals_the_expected_loss_of_the_sample_statistics(int depth, int seed)
    {
        var random = new Random(seed);
        var (x, y) = Sample(random, 40, 3);
        var arch = Noiseless(random, depth);
        var weights = RandomProblems.Weights(random, arch, 3, 0.8);
        // two float64 evaluations of the same quadratic form in different orders: round-off ~ 1e-15 relative
        Tolerance.Close(ExpectedLoss.Value(DataStatistics.FromSamples(x, y), arch, weights),
            SampleLoss.Value(x, y, arch, weights, Activation.Linear), 1e-12, 0, "sample loss vs expected loss of FromSamples");
    }

    [Theory]
    [InlineData(Activation.Relu)]
    [InlineData(Activation.Tanh)]
    [InlineData(Activation.Swish)]
    public void Nonlinear_sample_loss_matches_a_hand_evaluation(Activation activation)
    {
        var x = Matrix<double>.Build.DenseOfArray(new[,] { { 0.5, -1.0 }, { -2.0, 0.3 } });
        var y = Vector<double>.Build.DenseOfArray([0.7, -0.2]);
        var arch = new Architecture(2, [2, 1], [0, 0], 0.1, [0.2, 0.3]);
        var w1 = Matrix<double>.Build.DenseOfArray(new[,] { { 1.0, 0.5 }, { -0.5, 2.0 } });
        var w2 = Matrix<double>.Build.DenseOfArray(new[,] { { 0.8, -1.2 } });
        var u = Vector<double>.Build.DenseOfArray([1.5]);
        static double Phi(Activation n, double z) => n switch
        {
            Activation.Relu => Math.Max(0, z),
            Activation.Tanh => Math.Tanh(z),
            _ => z / (1 + Math.Exp(-z)),
        };
        double squares = 0, first = 0;
        for (int i = 0; i < 2; i++)
        {
            double h1 = Phi(activation, w1[0, 0] * x[i, 0] + w1[0, 1] * x[i, 1]);
            double h2 = Phi(activation, w1[1, 0] * x[i, 0] + w1[1, 1] * x[i, 1]);
            double f = u[0] * Phi(activation, w2[0, 0] * h1 + w2[0, 1] * h2);
            squares += (f - y[i]) * (f - y[i]);
            if (i == 0) first = f;
        }
        double expected = squares / 2 + 0.1 * 1.5 * 1.5 + 0.2 * (1 + 0.25 + 0.25 + 4) + 0.3 * (0.64 + 1.44);
        Tolerance.Close(expected, SampleLoss.Value(x, y, arch, new NetworkWeights(u, [w1, w2]), activation), 1e-14, 0, $"{activation} loss by hand");
        Tolerance.Close(first, SampleLoss.Predictions(x, new NetworkWeights(u, [w1, w2]), activation)[0], 1e-14, 1e-16, $"{activation} prediction on the first sample by hand");
    }

    [Fact]
    public void Swish_is_stable_and_exact_for_large_arguments_of_either_sign()
    {
        Assert.Equal(0.0, Activation.Swish.Apply(0.0));
        Tolerance.Close(800.0, Activation.Swish.Apply(800.0), 1e-15, 0, "swish(800) = 800");
        Tolerance.Close(-800.0 * Math.Exp(-800.0), Activation.Swish.Apply(-800.0), 1e-12, 0, "swish(−800) = −800 e^−800 (underflows to −0)");
        Tolerance.Close(-1.0 / (1 + Math.E), Activation.Swish.Apply(-1.0), 1e-15, 0, "swish(−1)");
        // swish(x) = x σ(x) = (x/2)(1 + x/2 + O(x³)): 5e-9 relative above x/2 at x = 1e-8
        Tolerance.Close(0.5 * 1e-8, Activation.Swish.Apply(1e-8), 1e-8, 0, "swish′(0) = 1/2");
    }

    [Fact]
    public void Sample_loss_rejects_noise_and_mismatched_labels()
    {
        var random = new Random(5);
        var (x, y) = Sample(random, 10, 2);
        var noisy = new Architecture(1, [2], [0.25], 0.1, [0.1]);
        var weights = RandomProblems.Weights(random, noisy, 2, 0.5);
        var error = Assert.Throws<ArgumentException>(() => SampleLoss.Value(x, y, noisy, weights, Activation.Tanh));
        Assert.Contains("noiseVariances[0] must be 0", error.Message);
        var clean = new Architecture(1, [2], [0], 0.1, [0.1]);
        var short_ = Vector<double>.Build.Dense(9);
        Assert.Contains("one label per sample", Assert.Throws<ArgumentException>(() => SampleLoss.Value(x, short_, clean, weights, Activation.Tanh)).Message);
        Assert.Contains("x has 3 columns", Assert.Throws<ArgumentException>(() => SampleLoss.Predictions(Matrix<double>.Build.Dense(4, 3), weights, Activation.Relu)).Message);
    }

    [Theory]
    [InlineData(1, 11)]
    [InlineData(2, 12)]
    [InlineData(3, 13)]
    public void Weights_at_any_scale_reproduce_the_one_variable_landscape_and_are_even_in_the_scale(int depth, int seed)
    {
        var random = new Random(seed);
        var data = RandomProblems.Data(random, 3, 1.5);
        var arch = RandomProblems.Architecture(random, depth);
        var solution = ExactSolver.Solve(data, arch);
        foreach (double scale in new[] { 0.05, 0.3, 1.0, 2.5 })
        {
            // the landscape is L minimised over everything but B, evaluated in closed form: agreement to round-off
            Tolerance.Close(solution.Landscape!.LossAtScale(scale), ExpectedLoss.Value(data, arch, solution.WeightsAtScale(scale)), 1e-11, 1e-14, $"B = {scale}");
            Tolerance.Close(solution.Landscape!.LossAtScale(scale), ExpectedLoss.Value(data, arch, solution.WeightsAtScale(-scale)), 1e-11, 1e-14, $"B = {-scale}");
        }
        Assert.Equal(0.0, solution.WeightsAtScale(0).Flatten().AbsoluteMaximum());
        // the stationary point's τ goes through B = √(τ/S) and back: a few ulps
        foreach (var point in solution.Solutions)
            Tolerance.Close(0, (solution.Weights(point).Flatten() - solution.WeightsAtScale(point.Scale).Flatten()).AbsoluteMaximum(), 0,
                1e-13 * solution.Weights(point).Flatten().AbsoluteMaximum(), "weights at a stationary point's scale vs Weights(point)");
    }

    [Fact]
    public void Negative_scale_flips_exactly_the_output_and_first_layer()
    {
        var random = new Random(21);
        var data = RandomProblems.Data(random, 3, 1.5);
        var arch = RandomProblems.Architecture(random, 3);
        var solution = ExactSolver.Solve(data, arch);
        var plus = solution.WeightsAtScale(0.7);
        var minus = solution.WeightsAtScale(-0.7);
        Assert.Equal((-plus.U).ToArray(), minus.U.ToArray());
        Assert.Equal((-plus.W[0]).ToArray(), minus.W[0].ToArray());
        for (int k = 1; k < 3; k++) Assert.Equal(plus.W[k].ToArray(), minus.W[k].ToArray());
        Assert.Throws<ArgumentException>(() => solution.WeightsAtScale(double.NaN));
    }

    [Fact]
    public void Grid_minima_of_known_functions()
    {
        var cosine = Enumerable.Range(0, 401).Select(i => Math.Cos(4 * Math.PI * i / 400)).ToArray();
        Assert.Equal([100, 300], GridMinima.Indices(cosine));
        var doubleWell = Enumerable.Range(0, 201).Select(i => { double t = -2 + 4.0 * i / 200; return t * t * t * t - t * t; }).ToArray();
        var wells = GridMinima.Indices(doubleWell);
        Assert.Equal(2, wells.Count);
        Tolerance.Close(-1 / Math.Sqrt(2), -2 + 4.0 * wells[0] / 200, 0, 0.02, "left well at −1/√2");
        Tolerance.Close(1 / Math.Sqrt(2), -2 + 4.0 * wells[1] / 200, 0, 0.02, "right well at +1/√2");
        Assert.Empty(GridMinima.Indices(Enumerable.Range(0, 50).Select(i => (double)i).ToArray()));
        Assert.Empty(GridMinima.Indices([]));
        Assert.Empty(GridMinima.Indices([1.0]));
        Assert.Empty(GridMinima.Indices([2.0, 1.0]));
    }

    [Fact]
    public void A_plateau_counts_once_and_not_at_the_ends()
    {
        Assert.Equal([3], GridMinima.Indices([3.0, 2.0, 1.0, 1.0, 1.0, 2.0]));
        Assert.Empty(GridMinima.Indices([1.0, 1.0, 2.0, 3.0]));
        Assert.Empty(GridMinima.Indices([3.0, 2.0, 2.0]));
        Assert.Empty(GridMinima.Indices([5.0, 5.0, 5.0]));
        Assert.Contains("entry 1", Assert.Throws<ArgumentException>(() => GridMinima.Indices([1.0, double.NaN, 2.0])).Message);
    }
}
