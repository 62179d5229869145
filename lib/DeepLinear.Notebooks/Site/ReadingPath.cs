using System.Diagnostics;
using System.Text.RegularExpressions;

namespace DeepLinear.Notebooks.Site;

/// <summary>One stop of the reading path: the notebook's file name (without extension) and its title.</summary>
public sealed record PathStop(string Name, string Title);

/// <summary>
/// The order in which the site presents the notebooks (their file-name order, which their numbers set) and where
/// the repository can be opened: every page links to the previous and next stop, says its place in the path, and
/// offers its executed notebook and the repository in GitHub Codespaces.
/// </summary>
public sealed partial record ReadingPath(IReadOnlyList<PathStop> Stops, string? CodespacesUrl)
{
    /// <summary>The stop before and after <paramref name="name"/>, and its 1-based position.</summary>
    public (PathStop? Previous, PathStop? Next, int Position) Around(string name)
    {
        int i = Stops.ToList().FindIndex(s => s.Name == name);
        if (i < 0) return (null, null, 0);
        return (i > 0 ? Stops[i - 1] : null, i + 1 < Stops.Count ? Stops[i + 1] : null, i + 1);
    }

    /// <summary>
    /// The Codespaces address of the GitHub repository that <paramref name="repositoryRoot"/>'s <c>origin</c> remote
    /// names (https or ssh form), or null when it has none on GitHub.
    /// </summary>
    public static string? CodespacesFor(string repositoryRoot)
    {
        try
        {
            var info = new ProcessStartInfo("git", "config --get remote.origin.url") { WorkingDirectory = repositoryRoot, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            using var git = Process.Start(info);
            if (git is null) return null;
            var url = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return CodespacesFromRemote(url);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    /// <summary>The Codespaces address for a GitHub remote URL, or null for any other remote.</summary>
    public static string? CodespacesFromRemote(string remote) =>
        GitHubRemote().Match(remote) is { Success: true } m ? $"https://codespaces.new/{m.Groups[1].Value}/{m.Groups[2].Value}" : null;

    [GeneratedRegex(@"github\.com[:/]([A-Za-z0-9_.-]+)/([A-Za-z0-9_.-]+?)(?:\.git)?/?$")]
    private static partial Regex GitHubRemote();
}
