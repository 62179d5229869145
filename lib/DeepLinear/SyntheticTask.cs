using MathNet.Numerics.LinearAlgebra;

namespace DeepLinear;

/// <summary>The label function of a synthetic task (Figure 2 uses both, Figure 3 the linear one).</summary>
public enum TargetFunction
{
    /// <summary>y = v · x.</summary>
    Linear,
    /// <summary>y = v · tanh(x), element-wise tanh.</summary>
    Tanh,
}

/// <summary>
/// A seeded synthetic regression task: n samples x ~ N(0, I_d) and y = v·x or y = v·tanh(x), with v
/// rescaled so that the sample signal ‖E[xy]‖ = ‖Xᵀy/n‖ equals the requested value exactly (E[xy] is
/// linear in v for both label functions). Notebooks: 01, 04, 06.
/// </summary>
public sealed class SyntheticTask
{
    /// <summary>Inputs, n × d.</summary>
    public Matrix<double> X { get; }

    /// <summary>Labels, n.</summary>
    public Vector<double> Y { get; }

    /// <summary>The teacher vector v after rescaling.</summary>
    public Vector<double> V { get; }

    /// <summary>A0, E[xy], E[y²] of this sample.</summary>
    public DataStatistics Statistics { get; }

    SyntheticTask(Matrix<double> x, Vector<double> y, Vector<double> v)
    {
        X = x;
        Y = y;
        V = v;
        Statistics = DataStatistics.FromSamples(x, y);
    }

    /// <summary>Draws a task. Rules: samples ≥ 1, dimension ≥ 1, signal finite and ≥ 0.</summary>
    public static SyntheticTask Generate(int samples, int dimension, double signal, TargetFunction target, int seed)
    {
        if (samples < 1) throw new ArgumentException($"samples must be >= 1, got {samples}", nameof(samples));
        if (dimension < 1) throw new ArgumentException($"dimension must be >= 1, got {dimension}", nameof(dimension));
        Guard.NonNegative(signal, nameof(signal));
        var random = new Random(seed);
        var x = Matrix<double>.Build.Dense(samples, dimension, (_, _) => random.NextGaussian());
        var v = Vector<double>.Build.Dense(dimension, _ => random.NextGaussian());
        var features = target == TargetFunction.Tanh ? x.Map(Math.Tanh) : x;
        var unitY = features * v;
        double unitSignal = (x.TransposeThisAndMultiply(unitY) / samples).L2Norm();
        if (signal > 0 && !(unitSignal > 0)) throw new InvalidOperationException("the drawn sample carries no signal to rescale; use another seed");
        double factor = signal == 0 ? 0 : signal / unitSignal;
        return new SyntheticTask(x, unitY * factor, v * factor);
    }
}
