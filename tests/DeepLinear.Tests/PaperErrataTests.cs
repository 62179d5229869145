using System.Reflection;
using System.Text.Json;
using DeepLinear;
using Xunit;

namespace DeepLinear.Tests;

/// <summary>
/// The errata records point at real things: each names a library member that exists and a notebook cell that
/// exists and checks or draws something, so the generated errata page can only link to cells that demonstrate.
/// </summary>
public class PaperErrataTests
{
    static string Repository()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "DeepLinear.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("DeepLinear.sln not found above " + AppContext.BaseDirectory);
    }

    public static TheoryData<int> Entries()
    {
        var data = new TheoryData<int>();
        for (int i = 0; i < PaperErrata.All.Count; i++) data.Add(i);
        return data;
    }

    [Theory]
    [MemberData(nameof(Entries))]
    public void Each_erratum_links_a_notebook_cell_that_checks_or_draws(int index)
    {
        var erratum = PaperErrata.All[index];
        var path = Path.Combine(Repository(), "notebooks", erratum.Notebook);
        Assert.True(File.Exists(path), $"{erratum.Location}: notebook {erratum.Notebook} does not exist");
        using var notebook = JsonDocument.Parse(File.ReadAllText(path));
        var cell = notebook.RootElement.GetProperty("cells").EnumerateArray()
            .SingleOrDefault(c => c.TryGetProperty("id", out var id) && id.GetString() == erratum.CellId);
        Assert.True(cell.ValueKind == JsonValueKind.Object, $"{erratum.Location}: {erratum.Notebook} has no cell {erratum.CellId}");
        string source = string.Concat(cell.GetProperty("source").EnumerateArray().Select(l => l.GetString()));
        Assert.True(source.Contains("Check.") || source.Contains("Plot."), $"{erratum.Location}: cell {erratum.CellId} neither checks nor draws");
    }

    [Theory]
    [MemberData(nameof(Entries))]
    public void Each_erratum_names_a_library_member_that_exists(int index)
    {
        var erratum = PaperErrata.All[index];
        var parts = erratum.Implementation.Split('.');
        var type = typeof(PaperErrata).Assembly.GetType("DeepLinear." + parts[0]);
        Assert.True(type is not null, $"{erratum.Location}: no type DeepLinear.{parts[0]}");
        if (parts.Length == 2)
            Assert.NotEmpty(type!.GetMember(parts[1], BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance));
    }

    [Fact]
    public void Every_erratum_says_both_what_is_printed_and_what_holds() =>
        Assert.All(PaperErrata.All, e => Assert.True(e.Printed.Length > 10 && e.Verified.Length > 10 && e.Printed != e.Verified, e.Location));
}
