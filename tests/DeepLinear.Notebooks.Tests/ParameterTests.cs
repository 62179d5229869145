using DeepLinear.Notebooks.Execution;
using Xunit;

namespace DeepLinear.Notebooks.Tests;

/// <summary>Papermill-style parameters: an injected cell after the <c>parameters</c> cell, typed by the defaults.</summary>
public class ParameterTests
{
    [Fact]
    public void Defaults_apply_without_overrides()
    {
        var result = Repo.Run("parameters");

        Assert.True(result.Succeeded, result.Failure?.Report);
        Assert.Equal(2, result.Executed.Cells.Count);
        Assert.Equal("steps=100 lr=0.5 scale=1 label=default verbose=False\n", Outputs.Of(result.Executed, 2)[0]["text"]!.GetValue<string>());
    }

    [Fact]
    public void Overrides_are_injected_after_the_parameters_cell_with_the_defaults_types()
    {
        var result = Repo.Run("parameters", new Dictionary<string, string>
        {
            ["steps"] = "7", ["lr"] = "0.25", ["scale"] = "2.5", ["label"] = "say \"hi\"", ["verbose"] = "true",
        });

        Assert.True(result.Succeeded, result.Failure?.Report);
        var injected = result.Executed.Cells[1];
        Assert.Equal(["injected-parameters"], injected.Tags);
        Assert.Equal("// Parameters injected by deeplinear run\nsteps = 7;\nlr = 0.25d;\nscale = 2.5f;\nlabel = \"say \\\"hi\\\"\";\nverbose = true;\n", injected.Source);
        Assert.Equal("steps=7 lr=0.25 scale=2.5 label=say \"hi\" verbose=True\n", Outputs.Of(result.Executed, 3)[0]["text"]!.GetValue<string>());
        Assert.Equal([1, 2, 3], result.Executed.Cells.Select(c => c.Json["execution_count"]!.GetValue<int>()));
    }

    [Fact]
    public void Undeclared_parameter_is_an_error_naming_it()
    {
        var failure = Repo.Run("parameters", new Dictionary<string, string> { ["epochs"] = "3" }).Failure!;

        Assert.Equal("ParameterError", failure.ErrorType);
        Assert.Equal(1, failure.CellNumber);
        Assert.Equal("parameter 'epochs' is not declared in the notebook's cell tagged 'parameters'", failure.Message);
    }

    [Fact]
    public void Value_of_the_wrong_type_is_an_error_naming_parameter_and_type()
    {
        var failure = Repo.Run("parameters", new Dictionary<string, string> { ["steps"] = "many" }).Failure!;

        Assert.Equal("parameter 'steps' is a Int32, and 'many' is not a valid Int32", failure.Message);
    }

    [Fact]
    public void Failure_after_injection_counts_only_the_notebooks_own_cells()
    {
        var result = Repo.Run("parameters", new Dictionary<string, string> { ["steps"] = "many" });

        Assert.Equal(2, result.CodeCells);
        Assert.Equal(1, result.ExecutedCells);
    }

    [Theory]
    [InlineData("1e-3", typeof(double), "0.001d")]
    [InlineData("2", typeof(float), "2f")]
    [InlineData("9000000000", typeof(long), "9000000000L")]
    [InlineData("a\b", typeof(string), "\"a\\b\"")]
    public void Literals_follow_the_declared_type(string text, Type type, string expected) =>
        Assert.Equal(expected, Parameters.Literal("p", text, type));

    [Fact]
    public void Non_finite_numbers_are_rejected()
    {
        var e = Assert.Throws<ArgumentException>(() => Parameters.Literal("lr", "NaN", typeof(double)));
        Assert.Equal("parameter 'lr' is a Double, and 'NaN' is not a valid Double", e.Message);
    }

    [Fact]
    public void Overrides_for_a_notebook_without_parameters_cell_are_an_error()
    {
        var failure = Repo.Run("basics", new Dictionary<string, string> { ["steps"] = "3" }).Failure!;

        Assert.Equal("ParameterError", failure.ErrorType);
        Assert.Contains("no code cell is tagged 'parameters'", failure.Message);
    }

    [Fact]
    public void Malformed_assignment_is_rejected()
    {
        var e = Assert.Throws<ArgumentException>(() => Parameters.Parse(["1x=2"]));
        Assert.Equal("--param '1x=2': expected name=value with a C# identifier as name", e.Message);
    }
}
