using Xunit;

namespace DeepLinear.Tests;

public class LogSpaceTests
{
    /// <summary>eˣ − 1 by its Taylor series, summed until the terms vanish (|x| ≤ 0.1 converges to round-off in 20 terms).</summary>
    static double Series(double x)
    {
        double term = x, sum = 0;
        for (int n = 2; n < 40; n++)
        {
            sum += term;
            term *= x / n;
        }
        return sum;
    }

    [Theory]
    [InlineData(-0.0848)]
    [InlineData(1e-10)]
    [InlineData(-1e-12)]
    [InlineData(0.09)]
    public void ExpMinusOne_matches_the_series_to_round_off_where_MathNet_does_not(double x)
    {
        Tolerance.Close(Series(x), LogSpace.ExpMinusOne(x), 4e-16, 0, $"e^{x} − 1");
    }

    [Fact]
    public void ExpMinusOne_is_exact_at_the_ends_and_sums_handle_zero_terms()
    {
        Assert.Equal(0, LogSpace.ExpMinusOne(0));
        Assert.Equal(-1, LogSpace.ExpMinusOne(-800));
        Assert.Equal(double.PositiveInfinity, LogSpace.ExpMinusOne(800));
        Tolerance.Close(Math.Exp(5) - 1, LogSpace.ExpMinusOne(5), 2e-16, 0, "no cancellation at x = 5");
        Assert.Equal(2.5, LogSpace.AddExp(double.NegativeInfinity, 2.5));
        Assert.Equal(double.NegativeInfinity, LogSpace.AddExp(double.NegativeInfinity, double.NegativeInfinity));
        Tolerance.Close(Math.Log(6), LogSpace.SumExp([Math.Log(1), Math.Log(2), Math.Log(3), double.NegativeInfinity]), 1e-15, 0, "log(1 + 2 + 3)");
        Tolerance.Close(1000 + Math.Log(2), LogSpace.SumExp([1000, 1000]), 1e-15, 0, "log(2e^1000) without overflow");
        Assert.Equal(double.NegativeInfinity, LogSpace.SumExp([]));
    }
}
