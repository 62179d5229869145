using Xunit;

namespace DeepLinear.Tests;

/// <summary>Tolerance assertions with messages that say what was compared.</summary>
public static class Tolerance
{
    /// <summary>Passes when |actual − expected| ≤ relative·|expected| + absolute.</summary>
    public static void Close(double expected, double actual, double relative, double absolute = 0, string what = "value")
    {
        Assert.True(double.IsFinite(actual), $"{what}: got non-finite {actual}");
        double allowed = relative * Math.Abs(expected) + absolute;
        Assert.True(Math.Abs(actual - expected) <= allowed,
            $"{what}: expected {expected:R}, got {actual:R} (difference {Math.Abs(actual - expected):G3} > allowed {allowed:G3})");
    }
}
