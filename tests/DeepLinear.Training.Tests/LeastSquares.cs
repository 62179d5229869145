namespace DeepLinear.Training.Tests;

/// <summary>Closed-form least squares f = w.x + b from the normal equations, by Gaussian elimination.</summary>
static class LeastSquares
{
    public static (double[] W, double B) Solve(double[,] x, double[] y)
    {
        int n = y.Length, d = x.GetLength(1), m = d + 1;
        var a = new double[m, m + 1];
        for (int i = 0; i < n; i++)
        {
            var row = Enumerable.Range(0, m).Select(j => j < d ? x[i, j] : 1.0).ToArray();
            for (int p = 0; p < m; p++)
            {
                for (int q = 0; q < m; q++) a[p, q] += row[p] * row[q];
                a[p, m] += row[p] * y[i];
            }
        }
        for (int c = 0; c < m; c++)
        {
            int pivot = Enumerable.Range(c, m - c).MaxBy(r => Math.Abs(a[r, c]));
            for (int q = 0; q <= m; q++) (a[c, q], a[pivot, q]) = (a[pivot, q], a[c, q]);
            for (int r = 0; r < m; r++)
            {
                if (r == c) continue;
                double f = a[r, c] / a[c, c];
                for (int q = c; q <= m; q++) a[r, q] -= f * a[c, q];
            }
        }
        var sol = Enumerable.Range(0, m).Select(j => a[j, m] / a[j, j]).ToArray();
        return (sol[..d], sol[d]);
    }

    public static double Loss(double[,] x, double[] y)
    {
        var (w, b) = Solve(x, y);
        double sum = 0;
        for (int i = 0; i < y.Length; i++)
        {
            double r = b - y[i];
            for (int j = 0; j < w.Length; j++) r += w[j] * x[i, j];
            sum += r * r;
        }
        return sum / y.Length;
    }
}
