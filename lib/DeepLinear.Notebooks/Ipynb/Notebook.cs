using System.Text.Json;
using System.Text.Json.Nodes;

namespace DeepLinear.Notebooks.Ipynb;

/// <summary>
/// An nbformat-4 notebook held as its JSON tree, so that every field the runner does not touch
/// (Polyglot metadata, cell ids, attachments) is written back unchanged.
/// </summary>
public sealed class Notebook
{
    readonly JsonObject _root;

    Notebook(JsonObject root, string path)
    {
        _root = root;
        Path = path;
        if (root["cells"] is not JsonArray cells)
            throw new NotebookFormatException(path, "it has no \"cells\" array (is it an nbformat-4 .ipynb?)");
        Cells = cells.Select((c, i) => c is JsonObject o
                ? new NotebookCell(o)
                : throw new NotebookFormatException(path, $"cell {i + 1} is not a JSON object"))
            .ToList();
    }

    /// <summary>The file the notebook was read from.</summary>
    public string Path { get; }

    /// <summary>The cells in file order; index + 1 is the cell number used in reports.</summary>
    public IReadOnlyList<NotebookCell> Cells { get; private set; }

    /// <summary>The notebook-level metadata object (created when absent).</summary>
    public JsonObject Metadata => _root["metadata"] as JsonObject ?? (JsonObject)(_root["metadata"] = new JsonObject());

    /// <summary>
    /// The kernel of cells that say nothing else: Polyglot's <c>defaultKernelName</c>, else the one the kernelspec
    /// names (<c>.net-csharp</c> is <c>csharp</c>, <c>.net-fsharp</c> is <c>fsharp</c>, <c>python3</c> stays <c>python3</c>),
    /// else <c>csharp</c>.
    /// </summary>
    public string DefaultKernelName =>
        Metadata["polyglot_notebook"]?["kernelInfo"]?["defaultKernelName"]?.GetValue<string>()
        ?? Metadata["kernelspec"]?["name"]?.GetValue<string>() switch
        {
            null => "csharp",
            var name when name.StartsWith(".net-", StringComparison.Ordinal) => name[".net-".Length..],
            var name => name,
        };

    /// <summary>Reads and parses an .ipynb file.</summary>
    public static Notebook Load(string path)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new NotebookFormatException(path, "it is not valid JSON: " + e.Message);
        }
        if (root is not JsonObject o) throw new NotebookFormatException(path, "its top level is not a JSON object");
        var major = o["nbformat"]?.GetValue<int>();
        if (major != 4) throw new NotebookFormatException(path, $"nbformat is {major?.ToString() ?? "missing"}; the runner reads nbformat 4");
        return new Notebook(o, System.IO.Path.GetFullPath(path));
    }

    /// <summary>A notebook from its parsed JSON (as a Jupyter client wrote it), reported as <paramref name="path"/>.</summary>
    public static Notebook FromJson(JsonObject root, string path) => new(root, path);

    /// <summary>Replaces the notebook-level metadata.</summary>
    public void ReplaceMetadata(JsonObject metadata) => _root["metadata"] = metadata;

    /// <summary>A deep copy, whose cells can receive outputs without changing this one.</summary>
    public Notebook Clone() => new((JsonObject)_root.DeepClone(), Path);

    /// <summary>Inserts a new cell at <paramref name="index"/> (0-based); from nbformat 4.5 on it gets a unique <c>id</c>.</summary>
    public void InsertCell(int index, NotebookCell cell)
    {
        if (_root["nbformat_minor"]?.GetValue<int>() >= 5 && cell.Json["id"] is null)
        {
            var ids = Cells.Select(c => c.Json["id"]?.GetValue<string>()).ToHashSet();
            var id = cell.Tags.FirstOrDefault() ?? "cell";
            for (var n = 2; ids.Contains(id); n++) id = $"{cell.Tags.FirstOrDefault() ?? "cell"}-{n}";
            cell.Json["id"] = id;
        }
        ((JsonArray)_root["cells"]!).Insert(index, cell.Json);
        var list = Cells.ToList();
        list.Insert(index, cell);
        Cells = list;
    }

    /// <summary>Serialises as Jupyter does: UTF-8, one-space indent, trailing newline.</summary>
    public string ToJson()
    {
        var text = _root.ToJsonString(new JsonSerializerOptions
        {
            WriteIndented = true,
            IndentSize = 1,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });
        return text + "\n";
    }

    /// <summary>Writes the notebook to <paramref name="path"/>, creating its folder.</summary>
    public void Save(string path)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        File.WriteAllText(path, ToJson());
    }
}

/// <summary>The file is not a readable nbformat-4 notebook.</summary>
public sealed class NotebookFormatException(string path, string reason)
    : Exception($"{path}: cannot read notebook: {reason}");
