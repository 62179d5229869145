using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace DeepLinear.Notebooks.Tests;

/// <summary>
/// A notebook runs in its own folder, as in Jupyter and VS Code, even outside the repository (where <c>dotnet tool run</c>
/// cannot find the pinned kernel from the notebook's folder, so the kernel starts in the repository and is moved):
/// <c>#r "path.dll"</c> and file paths in code resolve against the notebook's folder.
/// </summary>
public class NotebookFolderTests
{
    [Fact]
    public async Task Dll_next_to_the_notebook_is_loaded_from_its_relative_path()
    {
        var folder = Repo.TempFolder();
        var name = "Greeter" + Guid.NewGuid().ToString("N");
        Emit(Path.Combine(folder, "libs", name + ".dll"), name,
            $"namespace {name} {{ public static class Greeter {{ public static string Hello() => \"hello from \" + typeof(Greeter).Assembly.Location; }} }}");
        var notebook = Path.Combine(folder, "uses-file.ipynb");
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Repo.Fixture("missing-dll")))!;
        json["cells"]![0]!["source"] = $"#r \"libs/{name}.dll\"\n{name}.Greeter.Hello()";
        File.WriteAllText(notebook, json.ToJsonString());

        var result = await new Execution.NotebookRunner().RunAsync(notebook);

        Assert.True(result.Succeeded, result.Failure?.Report);
        Assert.Equal($"hello from {Path.Combine(folder, "libs", name + ".dll")}",
            Outputs.Data(Assert.Single(Outputs.Of(result.Executed, 1)), "text/plain"));
    }

    [Fact]
    public async Task Code_reads_files_relative_to_the_notebook_folder()
    {
        var folder = Repo.TempFolder();
        var data = "measured " + Guid.NewGuid().ToString("N");
        Directory.CreateDirectory(Path.Combine(folder, "data"));
        File.WriteAllText(Path.Combine(folder, "data", "value.txt"), data);
        Directory.CreateDirectory(Path.Combine(folder, "notebooks"));
        var notebook = Path.Combine(folder, "notebooks", "reads-file.ipynb");
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Repo.Fixture("missing-dll")))!;
        json["cells"]![0]!["source"] = "System.IO.File.ReadAllText(\"../data/value.txt\")";
        File.WriteAllText(notebook, json.ToJsonString());

        var result = await new Execution.NotebookRunner().RunAsync(notebook);

        Assert.True(result.Succeeded, result.Failure?.Report);
        Assert.Equal(data, Outputs.Data(Assert.Single(Outputs.Of(result.Executed, 1)), "text/plain"));
    }

    static void Emit(string path, string assemblyName, string code)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p) is "System.Runtime.dll" or "System.Private.CoreLib.dll")
            .Select(p => MetadataReference.CreateFromFile(p));
        var compilation = CSharpCompilation.Create(assemblyName, [CSharpSyntaxTree.ParseText(code)], references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var emitted = compilation.Emit(path);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
    }
}
