using Microsoft.AspNetCore.Html;

namespace DeepLinear.Notebooks.Execution;

/// <summary>
/// The members the C# kernel imports into every cell with <c>using static Microsoft.DotNet.Interactive.Kernel</c>;
/// the runner imports this class the same way, so notebooks call <c>display(x)</c> unqualified.
/// </summary>
public static class Kernel
{
    /// <summary>Shows <paramref name="value"/> as an output of the running cell, formatted for the given MIME types (default: the type's preferred ones).</summary>
    /// <returns>A handle whose <see cref="DisplayedValue.Update"/> replaces this output.</returns>
#pragma warning disable IDE1006 // the kernel's own lower-case names
    public static DisplayedValue display(object? value, params string[] mimeTypes)
    {
        var outputs = CurrentCell.Outputs
            ?? throw new InvalidOperationException("display() was called outside a running notebook cell");
        return new DisplayedValue(outputs, outputs.Display(MimeBundle.From(value, mimeTypes)), mimeTypes);
    }

    /// <summary>Marks a string as HTML, displayed as <c>text/html</c>.</summary>
    public static IHtmlContent HTML(string content) => new HtmlString(content);

    /// <summary>Displays a <c>&lt;style&gt;</c> element with the given CSS.</summary>
    public static void CSS(string content) => display(HTML($"<style>{content}</style>"), "text/html");

    /// <summary>Displays a <c>&lt;script&gt;</c> element with the given JavaScript.</summary>
    public static void Javascript(string scriptContent) => display(HTML($"<script type=\"text/javascript\">{scriptContent}</script>"), "text/html");
#pragma warning restore IDE1006
}

/// <summary>An output shown by <see cref="Kernel.display"/>; <see cref="Update"/> replaces it in place (progress in long cells).</summary>
public sealed class DisplayedValue
{
    readonly CellOutputs _outputs;
    readonly int _index;
    readonly string[] _mimeTypes;

    internal DisplayedValue(CellOutputs outputs, int index, string[] mimeTypes)
    {
        _outputs = outputs;
        _index = index;
        _mimeTypes = mimeTypes;
    }

    /// <summary>Replaces the displayed output with <paramref name="updatedValue"/>.</summary>
    public void Update(object? updatedValue) => _outputs.Update(_index, MimeBundle.From(updatedValue, _mimeTypes));
}
