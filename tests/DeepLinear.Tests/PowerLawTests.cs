using Xunit;

namespace DeepLinear.Tests;

public class PowerLawTests
{
    [Theory]
    [InlineData(-1.0)]
    [InlineData(2.5)]
    [InlineData(-6.0)]
    public void The_exponent_of_an_exact_power_law_is_recovered_between_any_two_points(double p)
    {
        double[] xs = [0.1, 0.7, 3.0, 40.0];
        var ys = xs.Select(x => 3.2 * Math.Pow(x, p)).ToArray();
        // Four logarithms of exact powers: round-off ~1e-15 relative in each, 1e-13 allows the division's loss.
        Tolerance.Close(p, PowerLaw.Exponent(xs, ys, 0, 3), 1e-13, 1e-15, "first to last");
        Tolerance.Close(p, PowerLaw.Exponent(xs[2], ys[2], xs[1], ys[1]), 1e-13, 1e-15, "reversed pair");
    }

    [Fact]
    public void The_geometric_mean_is_the_nth_root_of_the_product()
    {
        Tolerance.Close(4.0, PowerLaw.GeometricMean([2.0, 8.0]), 1e-15, 0, "√(2·8)");
        Tolerance.Close(Math.Pow(1e-300 * 1e300 * 5, 1 / 3.0), PowerLaw.GeometricMean([1e-300, 1e300, 5.0]), 1e-13, 0, "no overflow through logs");
    }

    [Fact]
    public void Nonpositive_values_equal_abscissae_and_empty_input_are_refused_naming_the_parameter()
    {
        Assert.Equal("y2", Assert.Throws<ArgumentException>(() => PowerLaw.Exponent(1, 1, 2, 0)).ParamName);
        Assert.Equal("x2", Assert.Throws<ArgumentException>(() => PowerLaw.Exponent(1, 1, 1, 2)).ParamName);
        Assert.Equal("j", Assert.Throws<ArgumentOutOfRangeException>(() => PowerLaw.Exponent([1.0, 2.0], [1.0, 2.0], 0, 2)).ParamName);
        Assert.Equal("values", Assert.Throws<ArgumentException>(() => PowerLaw.GeometricMean([])).ParamName);
        Assert.Equal("values[1]", Assert.Throws<ArgumentException>(() => PowerLaw.GeometricMean([1.0, double.NaN])).ParamName);
    }
}
