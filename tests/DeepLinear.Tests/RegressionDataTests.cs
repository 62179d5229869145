using Xunit;

namespace DeepLinear.Tests;

public class RegressionDataTests
{
    static string DataFile(string name)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "DeepLinear.sln"))) dir = dir.Parent;
        return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("DeepLinear.sln not found"), "data", name);
    }

    [Fact]
    public void The_vendored_diabetes_data_load_with_the_published_shape_and_values()
    {
        var data = RegressionData.Load(DataFile("diabetes.csv"));
        Assert.Equal((442, 10), (data.X.RowCount, data.X.ColumnCount));
        Assert.Equal(["age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6"], data.Features);
        Assert.Equal("progression", data.Label);
        Assert.Equal([59, 2, 32.1, 101.0, 157, 93.2, 38.0, 4.0, 4.8598, 87], data.X.Row(0).ToArray());
        Assert.Equal(151, data.Y[0]);
        // summary of the label as distributed (integer values from 25 to 346, mean 152.13)
        Assert.Equal((25, 346), (data.Y.Minimum(), data.Y.Maximum()));
        Tolerance.Close(152.133, data.Y.Average(), 0, 5e-4, "mean progression");
    }

    [Fact]
    public void Standardised_columns_have_zero_mean_and_unit_variance()
    {
        var data = RegressionData.Load(DataFile("diabetes.csv")).Standardized();
        for (int c = 0; c < data.X.ColumnCount; c++)
        {
            Tolerance.Close(0, data.X.Column(c).Average(), 0, 1e-12, $"mean of {data.Features[c]}");
            Tolerance.Close(1, data.X.Column(c).Select(v => v * v).Average(), 1e-12, 0, $"variance of {data.Features[c]}");
        }
        Tolerance.Close(1, data.Statistics().Eyy, 1e-12, 0, "E[y²] of the standardised label");
    }

    [Theory]
    [InlineData("a,b,y\n1,2,3\n4,5\n", "line 3: expected 3 comma-separated values, found 2")]
    [InlineData("a,b,y\n1,2,3\n4,x,6\n", "line 3, column 'b': 'x' is not a number")]
    [InlineData("a,b,y\n1,2,NaN\n", "line 2, column 'y': NaN is not finite")]
    [InlineData("a,a,y\n1,2,3\n", "line 1: column names must be unique")]
    [InlineData("a,b,y\n", "no samples after the header")]
    [InlineData("", "line 1: expected a header")]
    public void Malformed_files_are_rejected_naming_the_line(string content, string message)
    {
        string path = Path.Combine(Path.GetTempPath(), $"data-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, content);
        try
        {
            var e = Assert.Throws<InvalidDataException>(() => RegressionData.Load(path));
            Assert.Contains(message, e.Message);
            Assert.StartsWith(path, e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
