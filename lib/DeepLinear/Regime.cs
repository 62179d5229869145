namespace DeepLinear;

/// <summary>Which solution is the global minimum (Section 4.2, Figure 1 left).</summary>
public enum Regime
{
    /// <summary>A nontrivial solution is the global minimum (feature learning).</summary>
    NontrivialGlobal,
    /// <summary>A nontrivial local minimum exists, but zero is the global minimum (possible only for D ≥ 2).</summary>
    TrivialGlobal,
    /// <summary>Zero is the only minimum (overregularised).</summary>
    TrivialOnly,
}

/// <summary>What the all-zero network is on the full loss landscape.</summary>
public enum ZeroKind
{
    GlobalMinimum,
    /// <summary>A local but not global minimum: the bad minimum of Proposition 2 (D ≥ 2).</summary>
    LocalMinimum,
    /// <summary>A saddle (D = 1 above the Theorem 1 threshold).</summary>
    Saddle,
    /// <summary>Not a stationary point at all (D = 0 with E[xy] ≠ 0: ridge regression has no trivial solution).</summary>
    NotStationary,
}

/// <summary>The kind of a nontrivial stationary point along the one-variable landscape L(t).</summary>
public enum StationaryKind
{
    LocalMinimum,
    /// <summary>A degenerate (double) root of L′: an inflection of L(t), on a regime boundary.</summary>
    Saddle,
    LocalMaximum,
}

/// <summary>
/// The JSON spellings of the enums, shared by the CLI and the notebooks. Each switch names every value and has no
/// catch-all arm, so a new enum value without a spelling fails to compile (CS8509 is an error under
/// TreatWarningsAsErrors); a value outside the enum (a cast integer) throws a
/// <see cref="System.Runtime.CompilerServices.SwitchExpressionException"/> that names the unmatched value.
/// </summary>
// CS8524 asks for a catch-all arm for unnamed (cast) values only; such an arm would hide a new named value
#pragma warning disable CS8524
public static class RegimeNames
{
    public static string Name(this Regime regime) => regime switch
    {
        Regime.NontrivialGlobal => "nontrivial-global",
        Regime.TrivialGlobal => "trivial-global",
        Regime.TrivialOnly => "trivial-only",
    };

    public static string Name(this ZeroKind kind) => kind switch
    {
        ZeroKind.GlobalMinimum => "global-minimum",
        ZeroKind.LocalMinimum => "local-minimum",
        ZeroKind.Saddle => "saddle",
        ZeroKind.NotStationary => "not-stationary",
    };

    public static string Name(this StationaryKind kind) => kind switch
    {
        StationaryKind.LocalMinimum => "local-minimum",
        StationaryKind.Saddle => "saddle",
        StationaryKind.LocalMaximum => "local-maximum",
    };
}
#pragma warning restore CS8524
