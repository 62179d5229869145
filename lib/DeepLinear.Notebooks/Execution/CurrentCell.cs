namespace DeepLinear.Notebooks.Execution;

/// <summary>
/// The outputs of the cell running on the current async flow. <see cref="Kernel.display"/> and captured
/// Console output go there; it flows into tasks and threads the cell starts.
/// </summary>
public static class CurrentCell
{
    static readonly AsyncLocal<CellOutputs?> Current = new();

    /// <summary>The running cell's outputs, or null outside a cell.</summary>
    public static CellOutputs? Outputs
    {
        get => Current.Value;
        internal set => Current.Value = value;
    }
}
