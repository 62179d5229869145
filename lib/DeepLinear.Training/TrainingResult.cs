namespace DeepLinear.Training;

/// <summary>What one model's training produced.</summary>
/// <param name="Steps">Steps at which <see cref="Objective"/> was recorded (cumulative over calls of Train).</param>
/// <param name="Objective">The training objective (MSE + L2 penalty, with this step's noise draw) at those steps,
/// evaluated before that step's update.</param>
/// <param name="FinalMse">Noise-free mean squared error after the last step.</param>
/// <param name="FinalObjective">Noise-free MSE + L2 penalty after the last step.</param>
public sealed record ModelTrace(int[] Steps, double[] Objective, double FinalMse, double FinalObjective);

/// <summary>Weights (out x in) and biases of one layer of one model, in float64.</summary>
public sealed record LayerParameters(double[,] Weight, double[] Bias);
