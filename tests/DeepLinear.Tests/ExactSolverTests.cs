using Xunit;

namespace DeepLinear.Tests;

public class ExactSolverTests
{
    public static IEnumerable<object[]> Problems()
    {
        for (int seed = 1; seed <= 24; seed++) yield return [seed];
    }

    [Theory]
    [MemberData(nameof(Problems))]
    public void Global_minimum_agrees_with_brute_force_over_all_weights(int seed)
    {
        var random = new Random(seed);
        int depth = 1 + seed % 4, d = 2 + seed % 4;
        var data = RandomProblems.Data(random, d, 0.2 + 1.5 * random.NextDouble());
        var arch = RandomProblems.Architecture(random, depth);
        var exact = ExactSolver.Solve(data, arch);
        var minima = BruteForce.Minimise(data, arch, starts: 16, seed: seed);
        // L-BFGS stops at ‖∇L‖∞ ≤ 1e-10, so the loss is converged far below 1e-9 relative.
        Tolerance.Close(minima[0].Loss, exact.GlobalMinimumLoss, 1e-8, 0, $"seed {seed}, D={depth}: global minimum loss");
        bool bruteNontrivialLocal = minima.Any(f => !f.IsTrivial);
        Assert.Equal(bruteNontrivialLocal, exact.Solutions.Any(s => s.Kind == StationaryKind.LocalMinimum));
        if (exact.GlobalMinimum is not null)
            Tolerance.Close(exact.GlobalMinimumLoss, ExpectedLoss.Value(data, arch, exact.GlobalMinimumWeights()), 1e-12, 1e-14, "loss of the reconstructed weights");
    }

    [Fact]
    public void Every_stationary_point_reconstructs_weights_with_zero_gradient_and_the_reported_loss()
    {
        for (int seed = 100; seed < 110; seed++)
        {
            var random = new Random(seed);
            var data = RandomProblems.Data(random, 3, 1.2);
            var arch = RandomProblems.Architecture(random, 1 + seed % 3);
            var exact = ExactSolver.Solve(data, arch);
            foreach (var point in exact.Solutions)
            {
                var (loss, gradient) = ExpectedLoss.ValueAndGradient(data, arch, exact.Weights(point));
                Tolerance.Close(point.Loss, loss, 1e-12, 1e-14, $"seed {seed}: loss at scale {point.Scale}");
                Assert.True(gradient.Flatten().InfinityNorm() < 1e-8, $"seed {seed}: gradient {gradient.Flatten().InfinityNorm()} at a stationary point");
            }
        }
    }
}
