namespace DeepLinear;

/// <summary>Input validation shared by the library: every rule names the parameter it checks.</summary>
internal static class Guard
{
    public static double Finite(double value, string name)
    {
        if (!double.IsFinite(value)) throw new ArgumentException($"{name} must be a finite number, got {value}", name);
        return value;
    }

    public static double NonNegative(double value, string name)
    {
        Finite(value, name);
        if (value < 0) throw new ArgumentException($"{name} must be >= 0, got {value}", name);
        return value;
    }

    public static double Positive(double value, string name, string why = "")
    {
        Finite(value, name);
        if (value <= 0) throw new ArgumentException($"{name} must be > 0{why}, got {value}", name);
        return value;
    }

    public static void AllFinite(IEnumerable<double> values, string name)
    {
        int i = 0;
        foreach (var v in values)
        {
            if (!double.IsFinite(v)) throw new ArgumentException($"{name} must contain only finite numbers, but entry {i} is {v}", name);
            i++;
        }
    }
}
