using System.Net;
using System.Text;

namespace DeepLinear.Interactive;

/// <summary>
/// The HTML of passed checks: a table with columns check, expected, measured, allowed and a ✓, styled inline so
/// that it reads the same in VS Code (which has no site stylesheet) and on the site. Cells wrap instead of
/// clipping, so a long claim never runs past the page.
/// </summary>
static class CheckHtml
{
    const string TableStyle = "border-collapse:collapse;margin:4px 0;font-family:system-ui,-apple-system,'Segoe UI',Arial,sans-serif;font-size:13px;max-width:100%";
    const string HeadStyle = "text-align:left;padding:3px 10px;border-bottom:2px solid #1a7f37;color:#444;font-weight:600";
    const string CellStyle = "padding:3px 10px;border-bottom:1px solid #e5e5e5;vertical-align:top;overflow-wrap:anywhere";
    const string NumberStyle = CellStyle + ";font-family:ui-monospace,SFMono-Regular,Menlo,monospace";

    public static string Table(IReadOnlyList<CheckResult> rows)
    {
        var html = new StringBuilder();
        html.Append($"<table class=\"deeplinear-checks\" style=\"{TableStyle}\"><thead><tr>");
        foreach (var head in new[] { "", "check", "expected", "measured", "allowed" }) html.Append($"<th style=\"{HeadStyle}\">{head}</th>");
        html.Append("</tr></thead><tbody>");
        foreach (var row in rows)
            html.Append("<tr>")
                .Append($"<td style=\"{CellStyle};color:#1a7f37;font-weight:700\" title=\"passed\">✓</td>")
                .Append($"<td style=\"{CellStyle}\">{Encode(row.What)}</td>")
                .Append($"<td style=\"{NumberStyle}\">{Encode(row.Expected)}</td>")
                .Append($"<td style=\"{NumberStyle}\">{Encode(row.Measured)}</td>")
                .Append($"<td style=\"{NumberStyle}\">{Encode(row.Allowed)}</td>")
                .Append("</tr>");
        return html.Append("</tbody></table>").ToString();
    }

    static string Encode(string text) => WebUtility.HtmlEncode(text);
}
