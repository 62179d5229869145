using DeepLinear.Notebooks.Execution;
using Xunit;

namespace DeepLinear.Notebooks.Tests;

/// <summary>Asserting where and why a run stopped.</summary>
public static class Stopped
{
    /// <summary>
    /// The failure of <paramref name="result"/>, asserted to be at cell <paramref name="cell"/> and line
    /// <paramref name="line"/> (null: no line known) with error type <paramref name="type"/>.
    /// </summary>
    public static NotebookFailure At(NotebookResult result, int cell, int? line, string type)
    {
        var failure = Assert.IsType<NotebookFailure>(result.Failure);
        Assert.Equal((cell, line, type), (failure.CellNumber, failure.Line, failure.ErrorType));
        return failure;
    }
}
