namespace DeepLinear.Cli;

/// <summary>
/// `deeplinear solve problem.json [--weights]` (or `-` for stdin): the exact global minimum as JSON on stdout,
/// written by <see cref="SolutionJson"/>. See <see cref="ProblemJson"/> for the input.
/// </summary>
public static class SolveCommand
{
    const string Usage = "solve <problem.json | -> [--weights]";

    public const string Summary = Usage + "   exact global minimum of a deep linear net, JSON in and out";

    public const string Help = """
        usage: deeplinear solve <problem.json | -> [--weights]

        The exact global minimum of a deep linear network with weight decay and stochastic neurons, and every
        nontrivial stationary point, as JSON on stdout ('-' reads the problem from standard input).

        problem.json:
          {"inputCovariance": [[1, 0.2], [0.2, 0.5]], "inputOutputCorrelation": [0.6, 0.3], "outputSecondMoment": 1,
           "depth": 2, "widths": [4, 4], "noiseVariances": [0.5, 0.5], "weightDecay": {"output": 0.01, "layers": [0.01, 0.01]}}
          E[xxᵀ], E[xy] and E[y²] must be statistics some data set has (E[y²] ≥ E[xy]ᵀE[xxᵀ]⁺E[xy]). In their place,
          "samples": "data.csv" reads a CSV (header, one sample per line, the label last; the path is relative to the
          problem file) and "standardize": true centres and scales every column first.

        --weights   also print "globalMinimumWeights": {"U": [...], "W": [W1, ..., WD]}, each W_k as a list of rows
                    (at most 1000000 weights)

        Output: globalMinimumLoss, trivialLoss, regime, zeroIs, globalMinimumScale, globalMinimumLog10Scale and
        solutions [{scale, log10Scale, loss, kind, layerNorms, log10LayerNorms}]; README.md explains each field.
        A scale or norm outside float64's normal range is null, its log10 field always holds it.
        Bad input exits 2 with one line on stderr.
        """;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var line = CommandLine.Parse(Usage, args, ["--weights"], []);
        var (data, architecture) = ProblemJson.Read(line.Single(Usage, "problem file"));
        var solution = ExactSolver.Solve(data, architecture);
        stdout.WriteLine(SolutionJson.Write(solution, line.Switches.Contains("--weights")));
        return Cli.Ok;
    }
}
