using System.Globalization;
using System.Text.RegularExpressions;
using DeepLinear.Notebooks.Ipynb;
using DeepLinear.Notebooks.Site;
using Xunit;

namespace DeepLinear.Explorer.Tests;

/// <summary>The explorer presets of the notebooks (a table in the site code) against the notebooks themselves.</summary>
public partial class ExplorerPresetTests
{
    /// <summary>Where a notebook's parameters cell declares width, decay, signal, dropRate or noiseVariance, the preset has its default.</summary>
    [Fact]
    public void Every_preset_repeats_its_notebooks_parameter_defaults()
    {
        foreach (var (name, preset) in ExplorerPresets.All)
        {
            var path = Path.Combine(ExplorerSite.Root, "notebooks", name + ".ipynb");
            Assert.True(File.Exists(path), $"preset {name} names no notebook");
            var cell = Notebook.Load(path).Cells.Single(c => c.Tags.Contains("parameters"));
            var defaults = Assignment().Matches(cell.Source).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
            void Same(string parameter, double value)
            {
                if (defaults.TryGetValue(parameter, out var text))
                    Assert.True(double.Parse(text, CultureInfo.InvariantCulture) == value, $"{name}: preset has {parameter} {value}, the notebook {text}");
            }
            Same("width", preset.Width);
            Same("decay", preset.Decay);
            Same("signal", preset.Signal);
            Same(preset.Dropout ? "dropRate" : "noiseVariance", preset.Noise);
        }
    }

    [Fact]
    public void A_preset_notebooks_page_links_the_explorer_and_others_do_not()
    {
        var path = new ReadingPath([new PathStop("02-depth-d-solution", "02"), new PathStop("09-initialisation-implicit-bias", "09")], null);
        foreach (var name in new[] { "02-depth-d-solution", "09-initialisation-implicit-bias" })
        {
            var page = PageRenderer.Render(Notebook.Load(Path.Combine(ExplorerSite.Root, "notebooks", name + ".ipynb")), name, path: path);
            var link = $"href=\"explorer.html?{System.Net.WebUtility.HtmlEncode(ExplorerPresets.Query(name) ?? "")}\"";
            Assert.Equal(ExplorerPresets.All.ContainsKey(name), page.Contains(link));
            Assert.Equal(ExplorerPresets.All.ContainsKey(name), page.Contains("explore this setting live"));
        }
    }

    [GeneratedRegex(@"^\s*(?:int|long|double)\s+(\w+)\s*=\s*([-0-9.eE]+)\s*;", RegexOptions.Multiline)]
    private static partial Regex Assignment();
}
