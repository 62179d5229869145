using System.Text.Json.Nodes;

namespace DeepLinear.Notebooks.Execution;

/// <summary>
/// The outputs one cell produces while it runs, in nbformat-4 shape. Thread-safe: cells may write from
/// background tasks. After <see cref="Close"/> (the cell finished) only updates of its displays are kept, as a
/// handle kept in a variable may update them from a later cell; after <see cref="Abandon"/> (timed out) nothing is.
/// </summary>
public sealed class CellOutputs
{
    readonly object _gate = new();
    readonly List<JsonObject> _outputs = [];
    bool _closed;
    bool _abandoned;

    /// <summary>Appends text to the stdout or stderr stream output, merging with a directly preceding one.</summary>
    public void Stream(string name, string text)
    {
        if (text.Length == 0) return;
        lock (_gate)
        {
            if (_closed) return;
            if (_outputs.Count > 0 && _outputs[^1]["output_type"]?.GetValue<string>() == "stream"
                                   && _outputs[^1]["name"]?.GetValue<string>() == name)
                _outputs[^1]["text"] = _outputs[^1]["text"]!.GetValue<string>() + text;
            else
                _outputs.Add(new JsonObject { ["output_type"] = "stream", ["name"] = name, ["text"] = text });
        }
    }

    /// <summary>Adds a display_data output and returns its index, for later updates.</summary>
    public int Display(JsonObject mimeBundle)
    {
        lock (_gate)
        {
            if (_closed) return -1;
            _outputs.Add(new JsonObject { ["output_type"] = "display_data", ["data"] = mimeBundle, ["metadata"] = new JsonObject() });
            return _outputs.Count - 1;
        }
    }

    /// <summary>Replaces the data of the display output at <paramref name="index"/>.</summary>
    public void Update(int index, JsonObject mimeBundle)
    {
        lock (_gate)
        {
            if (_abandoned || index < 0 || index >= _outputs.Count) return;
            _outputs[index]["data"] = mimeBundle;
        }
    }

    /// <summary>Adds the value of the cell's trailing expression.</summary>
    public void Result(JsonObject mimeBundle, int executionCount)
    {
        lock (_gate)
        {
            if (_closed) return;
            _outputs.Add(new JsonObject
            {
                ["output_type"] = "execute_result", ["data"] = mimeBundle,
                ["metadata"] = new JsonObject(), ["execution_count"] = executionCount,
            });
        }
    }

    /// <summary>Adds an error output (nbformat's ename / evalue / traceback).</summary>
    public void Error(string name, string value, IEnumerable<string> traceback)
    {
        lock (_gate)
        {
            _outputs.Add(new JsonObject
            {
                ["output_type"] = "error", ["ename"] = name, ["evalue"] = value,
                ["traceback"] = new JsonArray(traceback.Select(l => (JsonNode)l).ToArray()),
            });
        }
    }

    /// <summary>The cell finished: stop accepting new outputs, keep accepting updates of its displays.</summary>
    public void Close()
    {
        lock (_gate) _closed = true;
    }

    /// <summary>The cell was abandoned at its time limit (its code may still run): accept nothing more from it.</summary>
    public void Abandon()
    {
        lock (_gate) _closed = _abandoned = true;
    }

    /// <summary>A copy of the outputs so far.</summary>
    public IReadOnlyList<JsonObject> Snapshot()
    {
        lock (_gate) return _outputs.Select(o => (JsonObject)o.DeepClone()).ToList();
    }
}
