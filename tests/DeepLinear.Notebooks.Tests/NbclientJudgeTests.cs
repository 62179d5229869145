using System.Text.Json.Nodes;
using DeepLinear.Notebooks.Execution;
using DeepLinear.Notebooks.Ipynb;
using Xunit;

namespace DeepLinear.Notebooks.Tests;

/// <summary>
/// Debian's nbclient as an independent judge: the notebook the engine hands the kernel, executed by plain nbclient
/// through the repository's kernelspec (no engine code), gives the same values. It also shows what the engine's
/// setup code adds: in the plain run a display's <c>Update</c> replaces nothing (the kernel announces each update
/// under an id no client has seen), in the engine's run it replaces the display.
/// </summary>
public class NbclientJudgeTests
{
    const string Execute = """
        import sys, nbformat
        from nbclient import NotebookClient
        nb = nbformat.read(sys.argv[1], as_version=4)
        NotebookClient(nb, kernel_name=".net-csharp", timeout=600, allow_errors=True, resources={"metadata": {"path": sys.argv[3]}}).execute()
        nbformat.write(nb, sys.argv[2])
        """;

    [Fact]
    public async Task Plain_nbclient_through_the_kernelspec_agrees_with_the_engine()
    {
        var prepared = NotebookRunner.Prepare(Repo.Fixture("polyglot"), new Dictionary<string, string>());
        var folder = Repo.TempFolder();
        var input = Path.Combine(folder, "input.ipynb");
        var output = Path.Combine(folder, "output.ipynb");
        prepared.KernelInput.Save(input);
        var python = ExternalTool.Find("/usr/bin/python3") ?? throw new InvalidOperationException("/usr/bin/python3 not found: apt-get install -y python3-nbclient");
        var plain = ExternalTool.Run(python, ["-c", Execute, input, output, Path.GetDirectoryName(Repo.Fixture("polyglot"))!], TimeSpan.FromMinutes(5),
            new Dictionary<string, string> { ["JUPYTER_PATH"] = Path.Combine(Repo.Root, ".jupyter") });
        Assert.True(plain.ExitCode == 0, plain.Stderr);
        var judged = Notebook.Load(output);
        var engine = await new NotebookRunner().ExecuteAsync(prepared);

        Assert.Empty(Outputs.Errors(judged));
        Assert.True(engine.Succeeded, engine.Failure?.Report);
        foreach (var cell in new[] { 2, 3, 4, 5, 6 })
            Assert.Equal(Value(engine.Executed, cell), Value(judged, cell));
        Assert.Equal("counting", Outputs.Data(Outputs.Of(judged, 5)[0], "text/plain"));
        Assert.Equal("counted to 100", Outputs.Data(Outputs.Of(engine.Executed, 5)[0], "text/plain"));
    }

    static string Value(Notebook notebook, int cell)
    {
        var result = Outputs.Of(notebook, cell).Single(o => o["output_type"]!.GetValue<string>() == "execute_result");
        return result["data"] is JsonObject data && data.ContainsKey("text/plain") ? Outputs.Data(result, "text/plain") : Outputs.Data(result, "text/html");
    }
}
