namespace DeepLinear;

/// <summary>
/// Reading exponents off computed curves: for y = c·xᵖ, p = Δ log y / Δ log x between any two points. Notebooks 05
/// (the 1/d₀ and σ^(−2D) laws of Theorem 4's variance) and 09 (distance ∝ s and ∝ s^(D+1)).
/// </summary>
public static class PowerLaw
{
    /// <summary>
    /// p = (log y₂ − log y₁) / (log x₂ − log x₁), the log-log slope through (x₁, y₁) and (x₂, y₂).
    /// Rules: all four values finite and positive, x₁ ≠ x₂.
    /// </summary>
    public static double Exponent(double x1, double y1, double x2, double y2)
    {
        Guard.Positive(x1, nameof(x1));
        Guard.Positive(y1, nameof(y1));
        Guard.Positive(x2, nameof(x2));
        Guard.Positive(y2, nameof(y2));
        if (x1 == x2) throw new ArgumentException($"x2 must differ from x1, both are {x1}", nameof(x2));
        return (Math.Log(y2) - Math.Log(y1)) / (Math.Log(x2) - Math.Log(x1));
    }

    /// <summary>The exponent between points i and j of a curve (xs[k], ys[k]); the rules of the four-value form.</summary>
    public static double Exponent(IReadOnlyList<double> xs, IReadOnlyList<double> ys, int i, int j)
    {
        ArgumentNullException.ThrowIfNull(xs);
        ArgumentNullException.ThrowIfNull(ys);
        if (xs.Count != ys.Count) throw new ArgumentException($"ys must have one entry per x ({xs.Count}), got {ys.Count}", nameof(ys));
        foreach (var (index, name) in new[] { (i, nameof(i)), (j, nameof(j)) })
            if (index < 0 || index >= xs.Count) throw new ArgumentOutOfRangeException(name, index, $"{name} must index the curve's {xs.Count} points");
        return Exponent(xs[i], ys[i], xs[j], ys[j]);
    }

    /// <summary>(∏ xₖ)^(1/n), computed as exp(mean log xₖ). Rules: at least one value, all finite and positive.</summary>
    public static double GeometricMean(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var list = values.ToList();
        if (list.Count == 0) throw new ArgumentException("values must not be empty", nameof(values));
        for (int k = 0; k < list.Count; k++) Guard.Positive(list[k], $"values[{k}]");
        return Math.Exp(list.Average(Math.Log));
    }
}
