namespace DeepLinear;

/// <summary>
/// Every number the exact solver's searches run on, named, with the reason for its default: the roots of φ in
/// <see cref="Landscape.StationaryPoints"/> (u = log τ) and the critical signals and decays of
/// <see cref="RegimeDiagram"/> (in the log of the signal, the decay or the decay factor). Each search takes an
/// optional <see cref="SolverSettings"/>; <c>null</c> means <see cref="Default"/>, which every result, test and
/// example of the project uses. Override one with <c>SolverSettings.Default with { RootAccuracy = 1e-8 }</c>.
/// The search code is <see cref="RootFinding"/> (bracketing, bisection, Brent) and <see cref="Landscape"/> (φ's
/// window and its isolation); tests: tests/DeepLinear.Tests/SolverSettingsTests.cs.
/// </summary>
public sealed record SolverSettings
{
    /// <summary>The settings every search uses when given none.</summary>
    public static SolverSettings Default { get; } = new();

    /// <summary>
    /// Brent's accuracy on a root u = log τ of φ. MathNet's Brent stops when its bracket is this narrow or |φ| is
    /// below it, so a root is within RootAccuracy·max(1, 1/|φ′|) in u: 1e-13, about 500 ulps of u at |u| ≈ 1,
    /// gives τ and the weights to about 1e-13 relative, and the loss, stationary there, to far below round-off.
    /// </summary>
    public double RootAccuracy { get; init => field = Guard.Positive(value, nameof(RootAccuracy)); } = 1e-13;

    /// <summary>Brent's iteration limit: it converges in a few dozen on φ; if it does not, bisection takes over.</summary>
    public int RootIterations { get; init => field = AtLeastOne(value, nameof(RootIterations)); } = 200;

    /// <summary>
    /// The most halvings of the bisection that backs Brent up: 2200 take any finite interval of float64 to
    /// adjacent doubles (2098 = 1024 + 1074 binary orders of magnitude between 1.8e308 and 5e-324 suffice).
    /// </summary>
    public int RootBisections { get; init => field = AtLeastOne(value, nameof(RootBisections)); } = 2200;

    /// <summary>
    /// How far φ's isolation window [log(g/(3a_max)), log(g/a_min)] is widened on each side, in u (a factor e in
    /// τ): any margin ≥ 0 is exact in exact arithmetic; 1 keeps round-off in log g and log aᵢ from putting a root
    /// just outside both the window and the monotone tails that are searched outside it.
    /// </summary>
    public double WindowMargin { get; init => field = Guard.NonNegative(value, nameof(WindowMargin)); } = 1;

    /// <summary>
    /// The most levels of halving in the window's isolation: 60 halvings shrink a window as wide as float64's
    /// logarithms (about 1500) below 1.3e-15, finer than <see cref="RootAccuracy"/>.
    /// </summary>
    public int IsolationDepth { get; init => field = NonNegativeCount(value, nameof(IsolationDepth)); } = 60;

    /// <summary>
    /// The most evaluations of φ the isolation spends inside the window: a bound on the time of one solve that
    /// only roots too close to separate approach (each evaluation costs O(number of eigenvalues)).
    /// </summary>
    public int IsolationBudget { get; init => field = NonNegativeCount(value, nameof(IsolationBudget)); } = 100_000;

    /// <summary>
    /// Where the isolation stops on an interval whose ends have one sign, |φ| below this at an end is reported as a
    /// double root (a saddle of L, on a regime boundary): φ is a logarithm, so this is 1e-12 relative in h/λ, about
    /// ten times φ's round-off when its terms (log g, u) are of order 500.
    /// </summary>
    public double SaddleTolerance { get; init => field = Guard.NonNegative(value, nameof(SaddleTolerance)); } = 1e-12;

    /// <summary>
    /// Roots closer than this in u are one stationary point found twice (by two neighbouring intervals, or by the
    /// window and a tail): 1e-9 is 10⁴ times <see cref="RootAccuracy"/>, and distinct roots closer than that are a
    /// double root to float64's precision anyway.
    /// </summary>
    public double DuplicateTolerance { get; init => field = Guard.NonNegative(value, nameof(DuplicateTolerance)); } = 1e-9;

    /// <summary>
    /// How far the search for a root of φ in its monotone tails goes, in u, by steps 1, 2, 4, …: 2⁶³ (64 steps)
    /// is far beyond any root for statistics and architectures whose logarithms float64 holds, so a root that must
    /// exist and is not found within it is reported as an internal error.
    /// </summary>
    public double TailReach { get; init => field = Guard.Positive(value, nameof(TailReach)); } = Math.ScaleB(1, 63);

    /// <summary>
    /// How far <see cref="RegimeDiagram.CriticalSignals"/> and <see cref="RegimeDiagram.CriticalDecay"/> look for
    /// their threshold, in the log of the signal or decay, from 1 by steps 1, 2, 4, …: ln 1e300 ≈ 690.8 keeps both
    /// inside float64's normal range; a threshold beyond it is reported as 0 or +∞.
    /// </summary>
    public double CriticalReach { get; init => field = Guard.Positive(value, nameof(CriticalReach)); } = Math.Log(1e300);

    /// <summary>
    /// The width in the log of the signal or decay at which the bisection of <see cref="RegimeDiagram.CriticalSignals"/>
    /// and <see cref="RegimeDiagram.CriticalDecay"/> stops: their relative accuracy, 1e-10, well below what a
    /// plot or sweep resolves and well above the 1e-13 at which the regime decision itself is decided.
    /// </summary>
    public double CriticalAccuracy { get; init => field = Guard.Positive(value, nameof(CriticalAccuracy)); } = 1e-10;

    /// <summary>
    /// How far <see cref="RegimeDiagram.LogCriticalDecayFactor"/> looks for log κ*, by steps 1, 2, 4, …: the decays
    /// are scaled inside the landscape's logarithms, so e^±1e12 is reachable; a collapse that exists and is not
    /// found within it is reported as an internal error.
    /// </summary>
    public double DecayFactorReach { get; init => field = Guard.Positive(value, nameof(DecayFactorReach)); } = 1e12;

    /// <summary>
    /// The most halvings of the bracket of a critical value of <see cref="RegimeDiagram"/>: log κ*'s bisection
    /// otherwise runs to adjacent doubles, and 200 take a bracket of width 1e12 below 1e-48, so the limit only binds
    /// where κ* = 1 to that precision; the critical signals and decays stop at their accuracy long before.
    /// </summary>
    public int ThresholdBisections { get; init => field = AtLeastOne(value, nameof(ThresholdBisections)); } = 200;

    static int AtLeastOne(int value, string name) =>
        value >= 1 ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be >= 1, got {value}");

    static int NonNegativeCount(int value, string name) =>
        value >= 0 ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be >= 0, got {value}");
}
