using System.Reflection;
using System.Text.Json.Nodes;
using DeepLinear.Notebooks.Cache;
using Xunit;

namespace DeepLinear.Notebooks.Tests;

/// <summary>
/// The execution cache: every ingredient of the key invalidates it and is named as the reason, an unchanged
/// notebook is served with its stored outputs on the current markdown, and a failed run leaves nothing to serve.
/// Each test builds a small repository of its own in a temporary folder.
/// </summary>
public sealed class ExecutionCacheTests : IDisposable
{
    readonly string _root = Directory.CreateTempSubdirectory("deeplinear-cache-").FullName;
    readonly string _notebook;
    readonly string _library;
    readonly Dictionary<string, string> _parameters = new() { ["steps"] = "200" };

    public ExecutionCacheTests()
    {
        Directory.CreateDirectory(Path.Combine(_root, "notebooks"));
        Directory.CreateDirectory(Path.Combine(_root, "data"));
        Directory.CreateDirectory(Path.Combine(_root, "lib", "bin"));
        _library = Path.Combine(_root, "lib", "bin", "Core.dll");
        File.WriteAllText(_library, "build 1");
        File.WriteAllText(Path.Combine(_root, "lib", "bin", "Dependency.dll"), "dependency 1");
        File.WriteAllText(Path.Combine(_root, "data", "x.csv"), "a,b\n1,2\n");
        File.WriteAllText(Path.Combine(_root, "Directory.Packages.props"), "<Project />");
        File.WriteAllText(Path.Combine(_root, "dotnet-tools.json"), "{\"tools\":{}}");
        File.WriteAllText(Path.Combine(_root, "global.json"), "{}");
        _notebook = Path.Combine(_root, "notebooks", "01-x.ipynb");
        WriteNotebook("# Title", "int steps = 2000;", "#r \"../lib/bin/Core.dll\"\nvar rows = File.ReadAllLines(\"../data/x.csv\");\nrows.Length");
    }

    void WriteNotebook(string markdown, string parameters, string code) => File.WriteAllText(_notebook, new JsonObject
    {
        ["cells"] = new JsonArray(
            new JsonObject { ["cell_type"] = "markdown", ["metadata"] = new JsonObject(), ["source"] = new JsonArray(markdown) },
            new JsonObject { ["cell_type"] = "code", ["metadata"] = new JsonObject { ["tags"] = new JsonArray("parameters") }, ["outputs"] = new JsonArray(), ["execution_count"] = null, ["source"] = new JsonArray(parameters) },
            new JsonObject { ["cell_type"] = "code", ["metadata"] = new JsonObject(), ["outputs"] = new JsonArray(), ["execution_count"] = null, ["source"] = new JsonArray(code) }),
        ["metadata"] = new JsonObject(),
        ["nbformat"] = 4,
        ["nbformat_minor"] = 5,
    }.ToJsonString());

    /// <summary>What an engine writes: the notebook with an injected-parameters cell and outputs on every code cell.</summary>
    string Executed()
    {
        var notebook = JsonNode.Parse(File.ReadAllText(_notebook))!.AsObject();
        var cells = notebook["cells"]!.AsArray();
        var injected = new JsonObject { ["cell_type"] = "code", ["metadata"] = new JsonObject { ["tags"] = new JsonArray("injected-parameters") }, ["execution_count"] = 2,
            ["outputs"] = new JsonArray(), ["source"] = new JsonArray("steps = 200;") };
        var list = cells.Select(c => c!.DeepClone()).ToList();
        list.Insert(2, injected);
        int count = 0;
        foreach (var cell in list.Where(c => (string?)c!["cell_type"] == "code" && c != injected))
        {
            cell!["execution_count"] = ++count;
            cell["outputs"] = new JsonArray(new JsonObject { ["output_type"] = "stream", ["name"] = "stdout", ["text"] = $"output {count}" });
        }
        notebook["cells"] = new JsonArray(list.ToArray());
        notebook["metadata"] = new JsonObject { ["deeplinear"] = new JsonObject { ["run"] = new JsonObject { ["status"] = "ok" } } };
        return notebook.ToJsonString();
    }

    CacheKey Key(string sdk = "10.0.401") => CacheKey.For(_notebook, _parameters, _root, sdk);

    ExecutionCache Cache => new(Path.Combine(_root, ".cache"));

    [Fact]
    public void A_notebook_never_run_is_a_miss()
    {
        var lookup = Cache.Find(_notebook, Key());
        Assert.False(lookup.Hit);
        Assert.Equal("never run", lookup.Reason);
    }

    [Fact]
    public void An_unchanged_notebook_is_served_with_its_outputs_and_its_current_markdown()
    {
        Cache.StoreSucceeded(_notebook, Key(), Executed());
        var text = File.ReadAllText(_notebook).Replace("# Title", "# A better title");
        File.WriteAllText(_notebook, text);
        var lookup = Cache.Find(_notebook, Key());
        Assert.True(lookup.Hit, lookup.Reason);
        var cells = JsonNode.Parse(lookup.ExecutedNotebook!)!["cells"]!.AsArray();
        Assert.Equal(4, cells.Count);
        Assert.Equal("# A better title", (string?)cells[0]!["source"]![0]);
        Assert.Equal("injected-parameters", (string?)cells[2]!["metadata"]!["tags"]![0]);
        Assert.Equal("output 2", (string?)cells[3]!["outputs"]![0]!["text"]);
        Assert.Equal("ok", (string?)JsonNode.Parse(lookup.ExecutedNotebook!)!["metadata"]!["deeplinear"]!["run"]!["status"]);
    }

    public static TheoryData<string, string> Changes => new()
    {
        { "code", "code cells" },
        { "parameters", "parameters" },
        { "library", "library Core.dll" },
        { "dependency", "library Core.dll" },
        { "pins", "package pins" },
        { "kernel", "kernel and SDK" },
        { "sdk", "kernel and SDK" },
        { "data", "data ../data/x.csv" },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public void Each_ingredient_invalidates_the_entry_and_is_named_as_the_reason(string change, string reason)
    {
        Cache.StoreSucceeded(_notebook, Key(), Executed());
        string sdk = "10.0.401";
        switch (change)
        {
            case "code": WriteNotebook("# Title", "int steps = 2000;", "#r \"../lib/bin/Core.dll\"\nvar rows = File.ReadAllLines(\"../data/x.csv\");\nrows.Length + 1"); break;
            case "parameters": _parameters["steps"] = "300"; break;
            case "library": File.WriteAllText(_library, "build 2"); break;
            case "dependency": File.WriteAllText(Path.Combine(_root, "lib", "bin", "Dependency.dll"), "dependency 2"); break;
            case "pins": File.WriteAllText(Path.Combine(_root, "Directory.Packages.props"), "<Project><ItemGroup /></Project>"); break;
            case "kernel": File.WriteAllText(Path.Combine(_root, "dotnet-tools.json"), "{\"tools\":{\"x\":{}}}"); break;
            case "sdk": sdk = "10.0.402"; break;
            case "data": File.AppendAllText(Path.Combine(_root, "data", "x.csv"), "3,4\n"); break;
        }
        var lookup = Cache.Find(_notebook, Key(sdk));
        Assert.False(lookup.Hit);
        Assert.Equal(reason + " changed", lookup.Reason);
    }

    [Fact]
    public void A_failed_run_leaves_nothing_to_serve()
    {
        Cache.StoreSucceeded(_notebook, Key(), Executed());
        Cache.Forget(_notebook);
        Assert.Equal("never run", Cache.Find(_notebook, Key()).Reason);
    }

    [Fact]
    public void A_failed_first_run_before_the_cache_folder_exists_forgets_nothing_and_creates_nothing()
    {
        // A fresh clone whose first notebook fails: Forget ran on a folder that did not exist and threw.
        Cache.Forget(_notebook);
        Assert.False(Directory.Exists(Path.Combine(_root, ".cache")));
        Assert.Equal("never run", Cache.Find(_notebook, Key()).Reason);
    }

    [Fact]
    public void The_libraries_notebooks_load_carry_no_commit_hash_so_a_commit_alone_does_not_invalidate_the_cache()
    {
        foreach (var library in new[] { typeof(Architecture).Assembly, typeof(DeepLinear.Interactive.Check).Assembly })
        {
            var version = library.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
            Assert.DoesNotContain("+", version);
        }
    }

    [Fact]
    public void Markdown_and_data_files_not_named_in_code_are_not_ingredients()
    {
        var before = Key();
        File.WriteAllText(Path.Combine(_root, "data", "other.csv"), "unrelated");
        WriteNotebook("# Changed prose", "int steps = 2000;", "#r \"../lib/bin/Core.dll\"\nvar rows = File.ReadAllLines(\"../data/x.csv\");\nrows.Length");
        Assert.Empty(Key().ChangedSince(before));
        Assert.Equal(before.Hash, Key().Hash);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
