using System.Net;
using System.Text;

namespace DeepLinear.Interactive;

/// <summary>
/// The collection's one table style, for checks and for tables of results: inline-styled so it reads the same in
/// VS Code (which has no site stylesheet) and on the site, numbers in a monospace face, and cells that wrap
/// instead of clipping, so a long entry never runs past the page.
/// </summary>
static class TableHtml
{
    const string TableStyle = "border-collapse:collapse;margin:4px 0;font-family:system-ui,-apple-system,'Segoe UI',Arial,sans-serif;font-size:13px;max-width:100%";
    const string HeadStyle = "text-align:left;padding:3px 10px;border-bottom:2px solid #1a7f37;color:#444;font-weight:600";
    const string CellStyle = "padding:3px 10px;border-bottom:1px solid #e5e5e5;vertical-align:top;overflow-wrap:anywhere";
    const string NumberStyle = CellStyle + ";font-family:ui-monospace,SFMono-Regular,Menlo,monospace";
    const string MarkStyle = CellStyle + ";color:#1a7f37;font-weight:700";

    /// <summary>A table with a header row; <paramref name="textColumns"/> are set in the text face, the rest as numbers.</summary>
    public static string Render(string cssClass, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows, ISet<int> textColumns, int? markColumn = null)
    {
        var html = new StringBuilder($"<table class=\"{cssClass}\" style=\"{TableStyle}\"><thead><tr>");
        foreach (var head in headers) html.Append($"<th style=\"{HeadStyle}\">{Encode(head)}</th>");
        html.Append("</tr></thead><tbody>");
        foreach (var row in rows)
        {
            html.Append("<tr>");
            for (int c = 0; c < row.Count; c++)
            {
                string style = c == markColumn ? MarkStyle : textColumns.Contains(c) ? CellStyle : NumberStyle;
                html.Append($"<td style=\"{style}\">{Encode(row[c])}</td>");
            }
            html.Append("</tr>");
        }
        return html.Append("</tbody></table>").ToString();
    }

    /// <summary>The plain-text form: columns padded to their widest entry.</summary>
    public static string Text(IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        var widths = headers.Select((h, c) => rows.Select(r => r[c].Length).Append(h.Length).Max()).ToArray();
        string Line(IReadOnlyList<string> cells) => string.Join("  ", cells.Select((v, c) => v.PadRight(widths[c]))).TrimEnd();
        return string.Join(Environment.NewLine, rows.Select(Line).Prepend(Line(headers)));
    }

    static string Encode(string text) => WebUtility.HtmlEncode(text);
}
