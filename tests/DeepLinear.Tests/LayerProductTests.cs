using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace DeepLinear.Tests;

public class LayerProductTests
{
    static Matrix<double> RandomMatrix(Random random, int rows, int columns) =>
        Matrix<double>.Build.Dense(rows, columns, (_, _) => random.NextGaussian());

    [Fact]
    public void Product_of_three_layers_maps_a_vector_as_applying_the_layers_one_after_another()
    {
        var random = new Random(1);
        var layers = new[] { RandomMatrix(random, 3, 4), RandomMatrix(random, 2, 3), RandomMatrix(random, 5, 2) };
        var x = Vector<double>.Build.Dense(4, _ => random.NextGaussian());
        var applied = layers.Aggregate(x, (h, w) => w * h);
        var product = LayerProduct.Of(layers);
        Assert.Equal((5, 4), (product.RowCount, product.ColumnCount));
        // a handful of products of O(1) Gaussian entries: round-off is a few ε₆₄
        for (int i = 0; i < 5; i++) Tolerance.Close(applied[i], (product * x)[i], 1e-12, 1e-13, $"(W₃W₂W₁x)[{i}]");
        Assert.Equal(layers[0], LayerProduct.Of(layers.Take(1).ToArray()));
    }

    [Fact]
    public void Array_layers_give_the_same_product_as_matrices()
    {
        var random = new Random(2);
        var layers = new[] { RandomMatrix(random, 3, 2), RandomMatrix(random, 1, 3) };
        Assert.Equal(LayerProduct.Of(layers), LayerProduct.Of(layers.Select(w => w.ToArray())));
    }

    [Fact]
    public void Layers_that_do_not_chain_or_an_empty_list_are_refused_naming_the_parameter()
    {
        var random = new Random(3);
        var broken = Assert.Throws<ArgumentException>(() => LayerProduct.Of([RandomMatrix(random, 3, 2), RandomMatrix(random, 1, 4)]));
        Assert.Equal("layers", broken.ParamName);
        Assert.Contains("chain", broken.Message);
        Assert.Equal("layers", Assert.Throws<ArgumentException>(() => LayerProduct.Of(Array.Empty<Matrix<double>>())).ParamName);
    }
}
