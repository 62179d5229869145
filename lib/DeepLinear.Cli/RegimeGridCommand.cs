using System.Globalization;

namespace DeepLinear.Cli;

/// <summary>
/// `deeplinear regime-grid problem.json --decays A:B:N --signals A:B:N`: the exact phase diagram
/// (<see cref="RegimeDiagram.Compute"/>) as CSV on stdout, one row per (decay, signal).
/// </summary>
public static class RegimeGridCommand
{
    const string Usage = "regime-grid <problem.json | -> --decays A:B:N|a,b,... --signals A:B:N|a,b,...";

    public const string Summary = Usage + "   exact phase diagram as CSV";

    /// <summary>The most (decay, signal) cells one grid may have.</summary>
    public const long MaxCells = 1_000_000;

    public const string Help = """
        usage: deeplinear regime-grid <problem.json | -> --decays A:B:N|a,b,... --signals A:B:N|a,b,...

        The exact regime at every (weight decay, signal) pair (Figure 1, left), as CSV on stdout with the header
          decay,signal,regime,globalMinimumLoss,trivialLoss
        A:B:N is N values from A to B spaced evenly in log (A, B > 0); a comma list gives the values themselves.
        decay   sets weightDecay.output; weightDecay.layers keep their ratios to it from the file (with equal
                decays in the file, every decay equals this value). Decays must be > 0.
        signal  sets ‖E[xy]‖ along the problem's E[xy] direction by multiplying the label y by
                signal/‖E[xy]‖, so E[y²] scales by its square and the statistics stay realisable (trivialLoss is
                that E[y²]); E[xxᵀ] is kept. Signals must be >= 0.
        regime  nontrivial-global, trivial-global or trivial-only; globalMinimumLoss is the loss of the global
                minimum at that point. Depth must be >= 1 (a regressor is nontrivial at every signal > 0).
        At most 1000000 cells.
        """;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var line = CommandLine.Parse(Usage, args, [], ["--decays", "--signals"]);
        string path = line.Single(Usage, "problem file");
        foreach (var flag in new[] { "--decays", "--signals" })
            if (!line.Options.ContainsKey(flag)) throw new UsageException($"missing {flag}; usage: deeplinear {Usage}");
        var decays = AxisValues.Parse("--decays", line.Options["--decays"], allowZero: false);
        var signals = AxisValues.Parse("--signals", line.Options["--signals"], allowZero: true);
        if ((long)decays.Length * signals.Length > MaxCells) throw new UsageException($"the grid has {(long)decays.Length * signals.Length} cells, more than {MaxCells}");

        var (data, architecture) = ProblemJson.Read(path);
        if (architecture.Depth == 0) throw new UsageException("depth must be >= 1 for regime-grid: a depth-0 regressor is nontrivial at every signal > 0 and every decay");
        if (data.SignalNorm == 0) throw new UsageException("inputOutputCorrelation is zero, so it has no direction to rescale for --signals");
        architecture.RequirePositiveDecays();
        var grid = RegimeDiagram.Compute(data, g => ArchitectureAt(architecture, g), decays, signals, SignalSweep.ScaledLabel);

        stdout.WriteLine("decay,signal,regime,globalMinimumLoss,trivialLoss");
        for (int i = 0; i < decays.Length; i++)
            for (int j = 0; j < signals.Length; j++)
            {
                double factor = signals[j] / data.SignalNorm;
                stdout.WriteLine(string.Join(',', Text(decays[i]), Text(signals[j]), grid.Regimes[i, j].Name(), Text(grid.GlobalMinimumLoss[i, j]), Text(data.Eyy * factor * factor)));
            }
        return Cli.Ok;
    }

    /// <summary>The file's architecture at γ_u = <paramref name="decay"/> (<see cref="Architecture.WithOutputDecay"/>).</summary>
    static Architecture ArchitectureAt(Architecture file, double decay)
    {
        try
        {
            return file.WithOutputDecay(decay);
        }
        catch (ArgumentException)
        {
            throw new UsageException($"--decays: at decay {Text(decay)} the layer decays, kept in their ratios to weightDecay.output, leave float64's range");
        }
    }

    static string Text(double value) => double.IsFinite(value)
        ? value.ToString("R", CultureInfo.InvariantCulture)
        : throw new UsageException($"a value of the grid is beyond float64's range ({value}); choose smaller signals");
}
