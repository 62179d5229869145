using DeepLinear.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace DeepLinear.Training.Tests;

/// <summary>
/// The straightforward way: one model, float64 leaf tensors, TorchSharp autograd, plain gradient descent.
/// Independent of the engine's hand-written backward pass.
/// </summary>
sealed class AutogradReference : IDisposable
{
    readonly Tensor _x, _y;
    readonly Tensor[] _w, _b;
    readonly ModelSpec _model;
    readonly double[] _decay;

    public AutogradReference(ModelSpec model, IReadOnlyList<LayerParameters> start)
    {
        _model = model;
        _x = tensor(model.Inputs, ScalarType.Float64);
        _y = tensor(model.Targets, ScalarType.Float64).reshape(-1, 1);
        _w = start.Select(p => tensor(p.Weight, ScalarType.Float64).requires_grad_()).ToArray();
        _b = start.Select(p => tensor(p.Bias, ScalarType.Float64).requires_grad_()).ToArray();
        _decay = model.WeightDecay.Count == 1 ? Enumerable.Repeat(model.WeightDecay[0], _w.Length).ToArray() : model.WeightDecay.ToArray();
    }

    Tensor Loss()
    {
        var h = _x;
        for (int l = 0; l < _w.Length; l++)
        {
            h = h.matmul(_w[l].t()) + _b[l];
            if (l < _w.Length - 1)
                h = _model.Activation switch
                {
                    Activation.Relu => h.relu(),
                    Activation.Tanh => h.tanh(),
                    Activation.Swish => h * h.sigmoid(),
                    _ => h,
                };
        }
        var loss = (h - _y).square().mean();
        for (int l = 0; l < _w.Length; l++) loss = loss + _decay[l] * _w[l].square().sum();
        return loss;
    }

    public LayerParameters[] Gradients()
    {
        using var scope = NewDisposeScope();
        foreach (var p in _w.Concat(_b)) p.grad?.zero_();
        Loss().backward();
        return _w.Select((w, l) => new LayerParameters(ToMatrix(w.grad!), _b[l].grad!.data<double>().ToArray())).ToArray();
    }

    public void Train(int steps)
    {
        for (int s = 0; s < steps; s++)
        {
            using var scope = NewDisposeScope();
            foreach (var p in _w.Concat(_b)) p.grad?.zero_();
            Loss().backward();
            using var noGrad = no_grad();
            foreach (var p in _w.Concat(_b)) p.sub_(p.grad! * _model.LearningRate);
        }
    }

    public LayerParameters[] Parameters() =>
        _w.Select((w, l) => new LayerParameters(ToMatrix(w.detach()), _b[l].detach().data<double>().ToArray())).ToArray();

    static double[,] ToMatrix(Tensor t)
    {
        var flat = t.contiguous().data<double>().ToArray();
        var m = new double[t.shape[0], t.shape[1]];
        Buffer.BlockCopy(flat, 0, m, 0, flat.Length * sizeof(double));
        return m;
    }

    public void Dispose()
    {
        foreach (var t in _w.Concat(_b).Append(_x).Append(_y)) t.Dispose();
    }
}
