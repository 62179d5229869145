using DeepLinear.Cli;
using DeepLinear.Notebooks.Site;

namespace DeepLinear.Explorer.Tests;

/// <summary>
/// A site with explorer.html, written by the site writer from a fresh publish of lib/DeepLinear.Explorer and served by
/// <see cref="SiteServer"/> (what `deeplinear serve` runs) on a free port of 127.0.0.1, with a headless Chromium on it.
/// Shared by the explorer's browser tests (one publish, one browser) and by bench/ExplorerTiming.
/// </summary>
public sealed class ExplorerSite : IDisposable
{
    /// <summary>The repository root, found by walking up to DeepLinear.sln.</summary>
    public static readonly string Root = FindRoot();

    public string Folder { get; }
    public SiteServer Server { get; }
    public Chromium Browser { get; }

    public ExplorerSite()
    {
        Publish();
        Folder = Directory.CreateTempSubdirectory("deeplinear-explorer-site-").FullName;
        SiteWriter.WriteIndex(Folder, [], null, Root);
        Server = new SiteServer(Folder, 0);
        Browser = new Chromium();
    }

    /// <summary>The explorer's address with <paramref name="query"/> (without '?').</summary>
    public string Page(string query = "") => new Uri(Server.Url, ExplorerPage.FileName + (query.Length > 0 ? "?" + query : "")).AbsoluteUri;

    /// <summary>Navigates to the explorer and waits for its first result, then for its critical values and map.</summary>
    public void Open(string query = "")
    {
        Browser.Navigate(Page(query), "document.documentElement.dataset.explorer === 'ready' || document.documentElement.dataset.explorer === 'failed'", TimeSpan.FromSeconds(60));
        Settle();
    }

    /// <summary>Waits until the page has no computation pending.</summary>
    public void Settle() => Browser.WaitUntil("document.documentElement.dataset.pending === undefined", TimeSpan.FromSeconds(60));

    /// <summary>Sets control <paramref name="id"/> to <paramref name="value"/> as a user would (input, then change on release) and waits for the page.</summary>
    public void Set(string id, string value)
    {
        Browser.Evaluate($$"""
            (function () { var c = document.getElementById({{System.Text.Json.JsonSerializer.Serialize(id)}}); c.value = {{System.Text.Json.JsonSerializer.Serialize(value)}};
              c.dispatchEvent(new Event("input", { bubbles: true })); c.dispatchEvent(new Event("change", { bubbles: true })); })()
            """);
        Settle();
    }

    /// <summary>`dotnet publish lib/DeepLinear.Explorer -c Release` (incremental), so the test sees the current sources.</summary>
    static void Publish()
    {
        var info = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "publish", Path.Combine(Root, "lib", "DeepLinear.Explorer"), "-c", "Release", "-nologo", "-clp:ErrorsOnly", "-v", "q" }) info.ArgumentList.Add(a);
        using var process = System.Diagnostics.Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(10))) { process.Kill(true); throw new TimeoutException("dotnet publish lib/DeepLinear.Explorer took over 10 minutes"); }
        if (process.ExitCode != 0) throw new InvalidOperationException($"dotnet publish lib/DeepLinear.Explorer failed ({process.ExitCode}): {output.Result}{errors.Result}");
    }

    static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "DeepLinear.sln"))) return dir.FullName;
        throw new InvalidOperationException("DeepLinear.sln not found above " + AppContext.BaseDirectory);
    }

    public void Dispose()
    {
        Browser.Dispose();
        Server.Dispose();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}
