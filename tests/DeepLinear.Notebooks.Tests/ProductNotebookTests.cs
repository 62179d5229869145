using DeepLinear.Cli;
using DeepLinear.Notebooks.Execution;
using Xunit;

namespace DeepLinear.Notebooks.Tests;

/// <summary>
/// One test per notebook under notebooks/ (discovered, so a new notebook is tested without touching this file), run
/// in the real kernel through the repository's kernelspec by Debian's nbclient (the engine), with the reduced values in
/// its metadata entry <c>deeplinear.test_parameters</c> injected after its <c>parameters</c> cell. Any error output fails it,
/// and so does its page on the site, judged in chromium (<see cref="PageProbe.AssertReadable"/>): clipped output,
/// cramped charts, raw TeX in a chart, a broken link, a script error.
/// </summary>
public class ProductNotebookTests
{
    /// <summary>The notebooks' file names; while the folder has none, a single null row asserts exactly that.</summary>
    public static TheoryData<string?> Discovered()
    {
        var data = new TheoryData<string?>();
        var names = Directory.Exists(Repo.Notebooks)
            ? Directory.GetFiles(Repo.Notebooks, "*.ipynb").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList()
            : [];
        if (names.Count == 0) data.Add(null);
        foreach (var name in names) data.Add(name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Discovered))]
    public async Task Notebook_runs_with_its_test_parameters(string? name)
    {
        Assert.True(Directory.Exists(Repo.Notebooks), $"the product notebooks folder {Repo.Notebooks} is missing");
        if (name is null)
        {
            Assert.Empty(Directory.GetFiles(Repo.Notebooks, "*.ipynb"));
            return;
        }
        var path = Path.Combine(Repo.Notebooks, name);
        var result = await new NotebookRunner().RunAsync(path, RunCommand.TestParameters(path));

        Assert.True(result.Succeeded, result.Failure?.Report);
        Assert.Equal(result.CodeCells, result.ExecutedCells);
        Assert.Empty(Outputs.Errors(result.Executed));
        var page = Notebooks.Site.SiteWriter.WriteNotebook(ProductSite.Folder, result, ProductSite.Path);
        PageProbe.AssertReadable(PageProbe.Measure(page), ProductSite.Folder, ProductSite.ToCome);
        var html = File.ReadAllText(page);
        foreach (var erratum in DeepLinear.PaperErrata.All.Where(e => Path.GetFileName(e.Notebook) == name))
            Assert.True(html.Contains($"id=\"{erratum.CellId}\"", StringComparison.Ordinal), $"the errata page links {name}'s cell {erratum.CellId}, which its page lacks");
    }
}
