namespace DeepLinear;

/// <summary>
/// The local minima of a function sampled on a grid: each maximal run of equal values that is strictly below
/// both of its neighbours counts once (a plateau is one minimum), reported at the run's middle index. The two
/// ends of the grid never count, since the grid cannot tell what lies beyond them. Notebook 06 counts the
/// minima of the linear and nonlinear landscapes along the exact solution's direction with it.
/// </summary>
public static class GridMinima
{
    /// <summary>Indices of the interior local minima of <paramref name="values"/>. Rule: every value finite.</summary>
    public static IReadOnlyList<int> Indices(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        Guard.AllFinite(values, nameof(values));
        var minima = new List<int>();
        int start = 1;
        while (start < values.Count - 1)
        {
            int end = start;
            while (end + 1 < values.Count && values[end + 1] == values[start]) end++;
            if (end < values.Count - 1 && values[start - 1] > values[start] && values[end + 1] > values[start])
                minima.Add((start + end) / 2);
            start = end + 1;
        }
        return minima;
    }
}
