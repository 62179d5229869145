namespace DeepLinear.Notebooks.Tests;

/// <summary>Debian's headless chromium, the browser the site's tests judge pages in (<c>apt-get install -y chromium</c>).</summary>
public static class Chromium
{
    /// <summary>The DOM of <paramref name="page"/> once its scripts have run (10 s of virtual time), with extra chromium flags.</summary>
    public static string Dom(string page, params string[] flags)
    {
        var chromium = ExternalTool.Find("chromium", "chromium-browser", "google-chrome")
            ?? throw new InvalidOperationException("chromium not found on PATH: install Debian's chromium (apt-get install -y chromium) to run the browser tests");
        var profile = Repo.TempFolder();
        var result = ExternalTool.Run(chromium,
            ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", $"--user-data-dir={profile}", "--virtual-time-budget=10000", .. flags, "--dump-dom", new Uri(page).AbsoluteUri],
            TimeSpan.FromSeconds(120));
        if (result.ExitCode != 0) throw new InvalidOperationException($"chromium exited {result.ExitCode}: {result.Stderr}");
        return result.Stdout;
    }
}
