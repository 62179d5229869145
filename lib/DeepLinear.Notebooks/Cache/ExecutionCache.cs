using System.Text.Json;
using System.Text.Json.Nodes;

namespace DeepLinear.Notebooks.Cache;

/// <summary>What the cache says about a notebook before it runs.</summary>
/// <param name="ExecutedNotebook">The stored executed notebook (JSON) when the key matches, else null.</param>
/// <param name="Reason">Why the notebook must run ("never run", "code cells changed", …), or "cached".</param>
public sealed record CacheLookup(string? ExecutedNotebook, string Reason)
{
    public bool Hit => ExecutedNotebook is not null;
}

/// <summary>
/// The execution cache of <c>deeplinear run</c> (the jupyter-cache idea): a notebook is re-executed only when an
/// ingredient of its <see cref="CacheKey"/> changed; otherwise its stored outputs are grafted onto the current
/// notebook (so edited markdown still shows). One folder, <c>NAME.key.json</c> (the ingredients of the last good run)
/// and <c>NAME.ipynb</c> (its executed notebook) per notebook name. Only runs that succeeded are stored; a failed
/// run removes what was stored, so a failure is never served as good.
/// </summary>
public sealed class ExecutionCache(string directory)
{
    /// <summary>The folder the cache lives in.</summary>
    public string Directory { get; } = Path.GetFullPath(directory);

    /// <summary>Looks up <paramref name="notebookPath"/> under <paramref name="key"/>.</summary>
    public CacheLookup Find(string notebookPath, CacheKey key)
    {
        var (keyFile, outputFile) = Files(notebookPath);
        if (!File.Exists(keyFile) || !File.Exists(outputFile)) return new(null, "never run");
        CacheKey stored;
        try
        {
            stored = new CacheKey(JsonSerializer.Deserialize<List<CacheIngredient>>(File.ReadAllText(keyFile)) ?? []);
        }
        catch (JsonException)
        {
            return new(null, "cache entry unreadable");
        }
        var changed = key.ChangedSince(stored);
        if (changed.Count > 0) return new(null, string.Join(", ", changed) + " changed");
        var executed = Graft(File.ReadAllText(notebookPath), File.ReadAllText(outputFile));
        return executed is null ? new(null, "code cells changed") : new(executed, "cached");
    }

    /// <summary>Stores the executed notebook of a run that succeeded.</summary>
    public void StoreSucceeded(string notebookPath, CacheKey key, string executedNotebookJson)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var (keyFile, outputFile) = Files(notebookPath);
        File.WriteAllText(outputFile, executedNotebookJson);
        File.WriteAllText(keyFile, JsonSerializer.Serialize(key.Ingredients, new JsonSerializerOptions { WriteIndented = true }));
    }

    /// <summary>Forgets a notebook whose run failed, so that nothing stale is served for it.</summary>
    public void Forget(string notebookPath)
    {
        if (!System.IO.Directory.Exists(Directory)) return;
        var (keyFile, outputFile) = Files(notebookPath);
        File.Delete(keyFile);
        File.Delete(outputFile);
    }

    (string Key, string Output) Files(string notebookPath)
    {
        string name = Path.GetFileNameWithoutExtension(notebookPath);
        return (Path.Combine(Directory, name + ".key.json"), Path.Combine(Directory, name + ".ipynb"));
    }

    /// <summary>
    /// The current notebook with each code cell's outputs and execution count taken from the stored executed copy,
    /// the executed copy's injected-parameters cell (if any) after the current parameters cell, and the executed
    /// copy's notebook metadata (run record, language info). Null when the code cells no longer pair up one to one
    /// (the key would normally have caught that).
    /// </summary>
    static string? Graft(string currentJson, string executedJson)
    {
        var current = JsonNode.Parse(currentJson)!.AsObject();
        var executed = JsonNode.Parse(executedJson)!.AsObject();
        var executedCells = executed["cells"]!.AsArray().Select(c => c!.AsObject()).ToList();
        var injected = executedCells.FirstOrDefault(c => HasTag(c, "injected-parameters"));
        var executedCode = executedCells.Where(c => (string?)c["cell_type"] == "code" && c != injected).ToList();
        var cells = new JsonArray();
        int next = 0;
        foreach (var cell in current["cells"]!.AsArray().Select(c => c!.AsObject()))
        {
            var copy = cell.DeepClone().AsObject();
            if ((string?)cell["cell_type"] == "code")
            {
                if (next == executedCode.Count) return null;
                copy["outputs"] = executedCode[next]["outputs"]?.DeepClone();
                copy["execution_count"] = executedCode[next]["execution_count"]?.DeepClone();
                next++;
            }
            cells.Add(copy);
            if (injected is not null && HasTag(cell, "parameters")) cells.Add(injected.DeepClone());
        }
        if (next != executedCode.Count) return null;
        current["cells"] = cells;
        current["metadata"] = executed["metadata"]?.DeepClone();
        return current.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    static bool HasTag(JsonObject cell, string tag) =>
        cell["metadata"]?["tags"] is JsonArray tags && tags.Any(t => (string?)t == tag);
}
