using TorchSharp;
using static TorchSharp.torch;

namespace DeepLinear.Benchmarks;

/// <summary>The two ways the engine is compared with: one model at a time, and the obvious batched autograd.</summary>
static class Baselines
{
    /// <summary>Each model alone: nn.Sequential of Linear layers, MSE, autograd, optim.SGD (weight_decay = 2 gamma).</summary>
    public static void OneByOne(ScalarType dtype, int count, int steps)
    {
        var specs = Workload.Models(count, steps);
        foreach (var spec in specs)
        {
            using var scope = NewDisposeScope();
            var x = tensor(spec.Inputs, dtype);
            var y = tensor(spec.Targets, dtype).reshape(-1, 1);
            nn.Module<Tensor, Tensor> act = spec.Activation == DeepLinear.Activation.Relu ? nn.ReLU() : nn.Tanh();
            var net = nn.Sequential(nn.Linear(Workload.InputDim, Workload.Width), act, nn.Linear(Workload.Width, Workload.Width),
                spec.Activation == DeepLinear.Activation.Relu ? nn.ReLU() : nn.Tanh(), nn.Linear(Workload.Width, 1));
            net.to(dtype);
            var optimizer = optim.SGD(net.parameters(), Workload.LearningRate, weight_decay: 2 * Workload.Decay);
            for (int s = 0; s < steps; s++)
            {
                using var step = NewDisposeScope();
                optimizer.zero_grad();
                var loss = (net.forward(x) - y).square().mean();
                loss.backward();
                optimizer.step();
            }
        }
    }

    /// <summary>All models stacked ([K, out, in] leaf tensors), bmm/baddbmm forward, autograd backward, manual SGD.</summary>
    public static void NaiveBatched(ScalarType dtype, int count, int steps)
    {
        using var scope = NewDisposeScope();
        var specs = Workload.Models(count, steps);
        var x = stack(specs.Select(s => tensor(s.Inputs, dtype)).ToArray());
        var y = stack(specs.Select(s => tensor(s.Targets, dtype).reshape(-1, 1)).ToArray());
        int[] widths = [Workload.InputDim, Workload.Width, Workload.Width, 1];
        var w = new Tensor[3];
        var b = new Tensor[3];
        for (int l = 0; l < 3; l++)
        {
            double bound = 1 / Math.Sqrt(widths[l]);
            w[l] = (rand(count, widths[l + 1], widths[l], dtype: dtype) * 2 * bound - bound).requires_grad_();
            b[l] = (rand(count, 1, widths[l + 1], dtype: dtype) * 2 * bound - bound).requires_grad_();
        }
        int relu = count / 2;
        for (int s = 0; s < steps; s++)
        {
            using var step = NewDisposeScope();
            var h = x;
            for (int l = 0; l < 3; l++)
            {
                h = bmm(h, w[l].transpose(1, 2)) + b[l];
                if (l < 2) h = cat([h[..relu].relu(), h[relu..].tanh()]);
            }
            var loss = (h - y).square().mean(dimensions: [1, 2]).sum();
            for (int l = 0; l < 3; l++) loss = loss + Workload.Decay * w[l].square().sum();
            loss.backward();
            using var noGrad = no_grad();
            for (int l = 0; l < 3; l++)
            {
                w[l].sub_(w[l].grad! * Workload.LearningRate);
                b[l].sub_(b[l].grad! * Workload.LearningRate);
                w[l].grad!.zero_();
                b[l].grad!.zero_();
            }
        }
    }
}
