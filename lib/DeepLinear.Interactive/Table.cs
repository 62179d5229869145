using System.Globalization;
using System.Reflection;
using Microsoft.DotNet.Interactive.Formatting;

namespace DeepLinear.Interactive;

/// <summary>
/// A table of results, one row per object and one column per public property, numbers to
/// <see cref="Of{T}(IEnumerable{T}, int)"/>'s significant digits. A cell that shows several numbers side by side
/// ends in <c>Table.Of(rows)</c> rather than an array, which the kernel would show as index/value pairs of long
/// one-line records.
/// </summary>
[TypeFormatterSource(typeof(TableFormatters))]
public sealed record Table(IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows, ISet<int> TextColumns)
{
    /// <summary>The rows' public properties as columns (in declaration order); doubles with <paramref name="digits"/> significant digits.</summary>
    public static Table Of<T>(IEnumerable<T> rows, int digits = 4)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (digits is < 1 or > 17) throw new ArgumentOutOfRangeException(nameof(digits), digits, "digits must be between 1 and 17");
        var properties = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance);
        if (properties.Length == 0) throw new ArgumentException($"{typeof(T).Name} has no public properties to show as columns", nameof(rows));
        var text = new HashSet<int>(Enumerable.Range(0, properties.Length).Where(c => !IsNumber(properties[c].PropertyType)));
        var cells = rows.Select(row => (IReadOnlyList<string>)properties.Select(p => Cell(p.GetValue(row), digits)).ToArray()).ToArray();
        return new Table(properties.Select(p => p.Name).ToArray(), cells, text);
    }

    /// <summary>Columns padded to their widest entry.</summary>
    public override string ToString() => TableHtml.Text(Columns, Rows);

    static bool IsNumber(Type type) => (Nullable.GetUnderlyingType(type) ?? type) is var t && !t.IsEnum && Type.GetTypeCode(t) is >= TypeCode.SByte and <= TypeCode.Decimal;

    static string Cell(object? value, int digits) => value switch
    {
        null => "",
        double d => d.ToString("G" + digits, CultureInfo.InvariantCulture),
        float f => f.ToString("G" + digits, CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}

/// <summary>Text and HTML formatters for <see cref="Table"/>.</summary>
public sealed class TableFormatters : ITypeFormatterSource
{
    public IEnumerable<ITypeFormatter> CreateTypeFormatters() =>
    [
        new PlainTextFormatter<Table>(t => t.ToString()),
        new HtmlFormatter<Table>(t => TableHtml.Render("deeplinear-table", t.Columns, t.Rows, t.TextColumns)),
    ];
}
