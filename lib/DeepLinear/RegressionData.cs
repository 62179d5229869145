using System.Globalization;
using MathNet.Numerics.LinearAlgebra;

namespace DeepLinear;

/// <summary>
/// A real regression data set from a CSV file: a header of column names, then one sample per line, every
/// column numeric, the last column the label. <see cref="Load"/> rejects a malformed file with an error that
/// names the file, the line and the rule. Used for data/diabetes.csv (see data/README.md).
/// </summary>
public sealed class RegressionData
{
    /// <summary>Inputs, n × d.</summary>
    public Matrix<double> X { get; }

    /// <summary>Labels, n.</summary>
    public Vector<double> Y { get; }

    /// <summary>The d input column names from the header.</summary>
    public IReadOnlyList<string> Features { get; }

    /// <summary>The label column name from the header.</summary>
    public string Label { get; }

    RegressionData(Matrix<double> x, Vector<double> y, IReadOnlyList<string> features, string label)
    {
        X = x;
        Y = y;
        Features = features;
        Label = label;
    }

    /// <summary>Reads and validates the CSV file at <paramref name="path"/>.</summary>
    public static RegressionData Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"data file '{path}' does not exist", path);
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0 || string.IsNullOrWhiteSpace(lines[0]))
            throw new InvalidDataException($"{path}, line 1: expected a header of column names");
        var header = lines[0].Split(',').Select(h => h.Trim()).ToArray();
        if (header.Length < 2) throw new InvalidDataException($"{path}, line 1: the header needs at least one input column and the label column");
        var duplicate = header.GroupBy(h => h).FirstOrDefault(g => g.Count() > 1 || g.Key.Length == 0);
        if (duplicate is not null) throw new InvalidDataException($"{path}, line 1: column names must be unique and non-empty ('{duplicate.Key}')");
        var rows = new List<double[]>();
        for (int i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length == 0 && i == lines.Length - 1) break;
            var cells = lines[i].Split(',');
            if (cells.Length != header.Length)
                throw new InvalidDataException($"{path}, line {i + 1}: expected {header.Length} comma-separated values, found {cells.Length}");
            var row = new double[cells.Length];
            for (int j = 0; j < cells.Length; j++)
            {
                if (!double.TryParse(cells[j], NumberStyles.Float, CultureInfo.InvariantCulture, out row[j]))
                    throw new InvalidDataException($"{path}, line {i + 1}, column '{header[j]}': '{cells[j].Trim()}' is not a number");
                if (!double.IsFinite(row[j]))
                    throw new InvalidDataException($"{path}, line {i + 1}, column '{header[j]}': {cells[j].Trim()} is not finite");
            }
            rows.Add(row);
        }
        if (rows.Count == 0) throw new InvalidDataException($"{path}: no samples after the header");
        int d = header.Length - 1;
        var x = Matrix<double>.Build.Dense(rows.Count, d, (r, c) => rows[r][c]);
        var y = Vector<double>.Build.Dense(rows.Count, r => rows[r][d]);
        return new RegressionData(x, y, header[..d], header[d]);
    }

    /// <summary>
    /// Every input column centred and scaled to unit variance, the label centred and scaled to unit variance:
    /// the preprocessing under which a network with biases reduces to the bias-free theory (the paper's
    /// Appendix D), and which makes weight decays comparable across data sets. A constant column is an error.
    /// </summary>
    public RegressionData Standardized()
    {
        var x = X.Clone();
        for (int c = 0; c < x.ColumnCount; c++)
        {
            var column = x.Column(c);
            double mean = column.Average(), sd = Math.Sqrt(column.Select(v => (v - mean) * (v - mean)).Average());
            if (!(sd > 0)) throw new InvalidOperationException($"column '{Features[c]}' is constant and cannot be standardised");
            x.SetColumn(c, (column - mean) / sd);
        }
        double yMean = Y.Average(), ySd = Math.Sqrt(Y.Select(v => (v - yMean) * (v - yMean)).Average());
        if (!(ySd > 0)) throw new InvalidOperationException($"label '{Label}' is constant and cannot be standardised");
        return new RegressionData(x, (Y - yMean) / ySd, Features, Label);
    }

    /// <summary>A0, E[xy], E[y²] of these samples.</summary>
    public DataStatistics Statistics() => DataStatistics.FromSamples(X, Y);
}
