using DeepLinear.Notebooks.Execution;
using Xunit;

namespace DeepLinear.Notebooks.Tests;

/// <summary>
/// Papermill-style parameters: an injected cell after the <c>parameters</c> cell, typed by the declarations read from
/// that cell's source, so every problem is found before a kernel starts.
/// </summary>
public class ParameterTests
{
    static readonly IReadOnlyDictionary<string, string> None = new Dictionary<string, string>();

    [Fact]
    public void Defaults_apply_without_overrides()
    {
        var result = Repo.Run("parameters");

        Assert.True(result.Succeeded, result.Failure?.Report);
        Assert.Equal(2, result.Executed.Cells.Count);
        Assert.Equal("steps=100 lr=0.5 scale=1 label=default verbose=False\n", Outputs.Text(Outputs.Of(result.Executed, 2)[0]));
    }

    [Fact]
    public void Overrides_are_injected_after_the_parameters_cell_with_the_declared_types()
    {
        var result = Repo.Run("parameters", new Dictionary<string, string>
        {
            ["steps"] = "7", ["lr"] = "0.25", ["scale"] = "2.5", ["label"] = "say \"hi\"", ["verbose"] = "true",
        });

        Assert.True(result.Succeeded, result.Failure?.Report);
        var injected = result.Executed.Cells[1];
        Assert.Equal(["injected-parameters"], injected.Tags);
        Assert.Equal("// Parameters injected by deeplinear run\nsteps = 7;\nlr = 0.25d;\nscale = 2.5f;\nlabel = \"say \\\"hi\\\"\";\nverbose = true;\n", injected.Source);
        Assert.Equal("steps=7 lr=0.25 scale=2.5 label=say \"hi\" verbose=True\n", Outputs.Text(Outputs.Of(result.Executed, 3)[0]));
        Assert.Equal([1, 2, 3], result.Executed.Cells.Select(c => c.Json["execution_count"]!.GetValue<int>()));
        Assert.Equal(2, result.CodeCells);
        Assert.Equal(2, result.ExecutedCells);
    }

    [Fact]
    public void Undeclared_parameter_is_refused_before_a_kernel_starts()
    {
        var e = Assert.Throws<ParameterException>(() => NotebookRunner.Prepare(Repo.Fixture("parameters"), new Dictionary<string, string> { ["epochs"] = "3" }));

        Assert.Equal($"{Repo.Fixture("parameters")}: parameter 'epochs' is not declared in the notebook's cell tagged 'parameters' (it declares steps, lr, scale, label, verbose)", e.Message);
    }

    [Fact]
    public void Value_of_the_wrong_type_is_refused_naming_parameter_and_type()
    {
        var e = Assert.Throws<ParameterException>(() => NotebookRunner.Prepare(Repo.Fixture("parameters"), new Dictionary<string, string> { ["steps"] = "many" }));

        Assert.Equal($"{Repo.Fixture("parameters")}: parameter 'steps' is a Int32, and 'many' is not a valid Int32", e.Message);
    }

    [Fact]
    public void Overrides_for_a_notebook_without_parameters_cell_are_refused()
    {
        var e = Assert.Throws<ParameterException>(() => NotebookRunner.Prepare(Repo.Fixture("basics"), new Dictionary<string, string> { ["steps"] = "3" }));

        Assert.EndsWith("parameters steps were given, but no code cell is tagged 'parameters'", e.Message);
    }

    [Fact]
    public void A_cell_failing_under_an_override_names_the_override_in_its_report()
    {
        var result = Repo.Run("grid", new Dictionary<string, string> { ["gridPoints"] = "-5" });

        var failure = Stopped.At(result, 2, 1, "System.ArgumentOutOfRangeException");
        Assert.Contains("(Parameter 'count')", failure.Message);
        Assert.EndsWith("\n  parameters of this run: gridPoints=-5", failure.Report);
    }

    [Fact]
    public void Declarations_are_read_with_their_types_from_the_cell_source()
    {
        var declared = ParameterDeclarations.Of("""
            // defaults
            int a = 1, b = 2;
            var lr = 0.5;
            var n = -3;
            System.Int64 big = 1L;
            var label = "x"; // a comment with int c = 3;
            List<int> sizes = [1, 2];
            """);

        Assert.Equal(["a", "b", "lr", "n", "big", "label", "sizes"], declared.Keys);
        Assert.Equal([typeof(int), typeof(int), typeof(double), typeof(int), typeof(long), typeof(string), null], declared.Values.Select(d => d.Type));
        Assert.Equal("List<int>", declared["sizes"].TypeName);
    }

    [Fact]
    public void Override_of_a_type_param_cannot_write_is_refused_naming_the_type()
    {
        var e = Assert.Throws<ParameterException>(() =>
            Parameters.InjectedSource(new Dictionary<string, string> { ["sizes"] = "3" }, ParameterDeclarations.Of("List<int> sizes = [1];")));

        Assert.Equal("parameter 'sizes' is declared as List<int>; --param supports string, bool, int, long, float, double and decimal", e.Message);
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
        var e = Assert.Throws<ParameterException>(() => Parameters.Literal("lr", "NaN", typeof(double)));
        Assert.Equal("parameter 'lr' is a Double, and 'NaN' is not a valid Double", e.Message);
    }

    [Fact]
    public void Malformed_assignment_is_rejected()
    {
        var e = Assert.Throws<ParameterException>(() => Parameters.Parse(["1x=2"]));
        Assert.Equal("--param '1x=2': expected name=value with a C# identifier as name", e.Message);
    }

    [Fact]
    public void Without_overrides_nothing_is_injected_and_cells_keep_their_numbers()
    {
        var prepared = NotebookRunner.Prepare(Repo.Fixture("parameters"), None);

        Assert.Equal(-1, prepared.InjectedIndex);
        Assert.Equal([1, 2], prepared.CellNumbers);
    }
}
