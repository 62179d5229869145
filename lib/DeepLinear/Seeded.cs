namespace DeepLinear;

/// <summary>Random numbers that come only from an explicit seed (System.Random's seeded generator is stable across .NET versions).</summary>
public static class Seeded
{
    /// <summary>A standard normal draw by the Box–Muller transform.</summary>
    public static double NextGaussian(this Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
