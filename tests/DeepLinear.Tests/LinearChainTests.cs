using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace DeepLinear.Tests;

public class LinearChainTests
{
    static MultiOutputRegression Regression(int seed)
    {
        var random = new Random(seed);
        var x = Matrix<double>.Build.Dense(200, 4, (_, _) => random.NextGaussian());
        var map = Matrix<double>.Build.Dense(3, 4, (_, _) => random.NextGaussian());
        return MultiOutputRegression.FromSamples(x, x * map.Transpose() + 0.5 * Matrix<double>.Build.Dense(200, 3, (_, _) => random.NextGaussian()));
    }

    static Matrix<double>[] Layers(Random random, params int[] sizes) =>
        Enumerable.Range(0, sizes.Length - 1).Select(k => Matrix<double>.Build.Dense(sizes[k + 1], sizes[k], (_, _) => random.NextGaussian() / Math.Sqrt(sizes[k]))).ToArray();

    [Fact]
    public void Gradients_match_central_finite_differences_of_the_loss_for_a_three_layer_chain()
    {
        var f = Regression(1);
        var layers = Layers(new Random(2), 4, 2, 3, 3);
        var gradients = LinearChain.Gradients(f, layers);
        const double h = 1e-5;
        for (int k = 0; k < layers.Length; k++)
            for (int i = 0; i < layers[k].RowCount; i++)
                for (int j = 0; j < layers[k].ColumnCount; j++)
                {
                    var plus = layers.Select(w => w.Clone()).ToArray(); plus[k][i, j] += h;
                    var minus = layers.Select(w => w.Clone()).ToArray(); minus[k][i, j] -= h;
                    double numeric = (LinearChain.Loss(f, plus) - LinearChain.Loss(f, minus)) / (2 * h);
                    // truncation O(h²·F‴) ~ 1e-9 on O(1) weights, round-off O(ε₆₄·F/h) ~ 1e-10
                    Tolerance.Close(numeric, gradients[k][i, j], 1e-7, 1e-8, $"∂F/∂W{k + 1}[{i},{j}]");
                }
        Tolerance.Close(f.Loss(LayerProduct.Of(layers)), LinearChain.Loss(f, layers), 0, 0, "F is f of the product");
    }

    [Fact]
    public void Hessian_matches_second_differences_of_the_loss()
    {
        var f = Regression(3);
        var layers = Layers(new Random(4), 4, 1, 3);
        var hessian = LinearChain.Hessian(f, layers);
        var flat = layers.SelectMany(w => w.ToColumnMajorArray()).ToArray();
        Matrix<double>[] At(double[] v) =>
            [Matrix<double>.Build.DenseOfColumnMajor(1, 4, v[..4]), Matrix<double>.Build.DenseOfColumnMajor(3, 1, v[4..])];
        double F(int i, double di, int j, double dj) { var v = (double[])flat.Clone(); v[i] += di; v[j] += dj; return LinearChain.Loss(f, At(v)); }
        const double h = 1e-3;
        for (int i = 0; i < flat.Length; i++)
            for (int j = 0; j < flat.Length; j++)
            {
                double second = (F(i, h, j, h) - F(i, h, j, -h) - F(i, -h, j, h) + F(i, -h, j, -h)) / (4 * h * h);
                // F is a quartic: truncation O(h²·F⁗) ~ 1e-6, round-off O(ε₆₄·F/h²) ~ 1e-9
                Tolerance.Close(second, hessian[i, j], 0, 1e-5, $"∂²F/∂θ{i}∂θ{j}");
            }
    }

    [Fact]
    public void Descent_on_a_width_one_chain_reaches_the_best_rank_one_loss_and_leaves_its_start_unchanged()
    {
        var f = Regression(5);
        var start = Layers(new Random(6), 4, 1, 3);
        var copy = start.Select(w => w.Clone()).ToArray();
        var end = LinearChain.Descend(f, start, 0.05, 4000);
        Assert.Equal(copy, start);
        // geometric convergence at a rate set by the gap ς₁² − ς₂² (O(1) here): after 4000 steps at η = 0.05 the loss is
        // at its limit to round-off, and the limit is the Eckart–Young optimum (tested against L-BFGS in MultiOutputRegressionTests)
        Tolerance.Close(f.BestRankLoss(1), LinearChain.Loss(f, end), 1e-10, 0, "loss after descent vs best rank 1");
        Assert.Equal("steps", Assert.Throws<ArgumentException>(() => LinearChain.Descend(f, start, 0.05, -1)).ParamName);
        Assert.Equal("learningRate", Assert.Throws<ArgumentException>(() => LinearChain.Descend(f, start, 0, 1)).ParamName);
        Assert.Equal("layers", Assert.Throws<ArgumentException>(() => LinearChain.Loss(f, Layers(new Random(7), 3, 1, 3))).ParamName);
    }
    [Fact]
    public void Width_one_chain_is_a_minimum_on_the_first_singular_pair_and_a_saddle_on_the_others()
    {
        var f = Regression(8);
        double Lowest(int pair) => LinearChain.Hessian(f, f.SingularPairLayers(pair)).Evd(Symmetricity.Symmetric).EigenValues.Min(z => z.Real);
        // the rescaling W₁ → cW₁, W₂ → W₂/c leaves F unchanged, so the minimum has one zero eigenvalue; finite-difference
        // error on these O(1) weights is ~1e-10 (step 1e-5, round-off ε₆₄/h), far from the O(1) negative curvature of a saddle
        Assert.True(Lowest(0) > -1e-8, $"pair 0: lowest eigenvalue {Lowest(0):G3}");
        Assert.True(Lowest(1) < -0.1, $"pair 1: lowest eigenvalue {Lowest(1):G3}");
        Assert.True(Lowest(2) < -0.1, $"pair 2: lowest eigenvalue {Lowest(2):G3}");
    }
}
