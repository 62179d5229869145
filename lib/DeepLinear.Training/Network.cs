using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace DeepLinear.Training;

/// <summary>One model of a shard, trained on its own buffers: see <see cref="Network{T, TActivation}"/>.</summary>
internal interface INetwork : IDisposable
{
    /// <summary>One full-batch step (forward with noise, backward, update); the objective when asked.</summary>
    double? Step(bool wantObjective);

    /// <summary>Noise-free MSE and objective at the current parameters.</summary>
    (double Mse, double Objective) Evaluate();

    /// <summary>Noise-free gradient of the objective per layer, from the hand-written backward pass.</summary>
    LayerParameters[] Gradients();

    LayerParameters[] Parameters();

    void SetParameters(IReadOnlyList<LayerParameters> parameters);
}

// CS8524 asks for a catch-all arm for unnamed (cast) values only; such an arm would also hide a new named value,
// which should fail to compile (CS8509) here until it is given its kernel. A cast value throws SwitchExpressionException.
#pragma warning disable CS8524
/// <summary>Builds the <see cref="Network{T, TActivation}"/> of a model's activation: the one place that picks a kernel.</summary>
internal static class Network
{
    public static INetwork Create<T>(NetworkShape shape, ModelSpec model) where T : unmanaged, IFloatingPointIeee754<T> =>
        model.Activation switch
        {
            Activation.Linear => new Network<T, IdentityKernel<T>>(shape, model),
            Activation.Relu => new Network<T, ReluKernel<T>>(shape, model),
            Activation.Tanh => new Network<T, TanhKernel<T>>(shape, model),
            Activation.Swish => new Network<T, SwishKernel<T>>(shape, model),
        };
}
#pragma warning restore CS8524

/// <summary>
/// One network of a <see cref="NetworkShape"/> with activation <typeparamref name="TActivation"/>, trained by a
/// hand-written forward and backward pass in vectorised C# (<see cref="Kernels{T}"/>, <see cref="VectorMath{T}"/>) on
/// buffers allocated once, so a step allocates nothing.
/// </summary>
/// <remarks>
/// Notation: layer l = 0..D maps widths[l] to widths[l+1]. Forward: Z[l] = In[l] W[l]^T + b[l] with In[0] = X and
/// In[l+1] = H[l] (times the noise while training), H[l] = act(Z[l]) for l &lt; D, f = Z[D]. Backward, from
/// G[D] = ∂L/∂f = (2/n)(f − y): ∂L/∂W[l] = G[l]ᵀ In[l], ∂L/∂b[l] = column sums of G[l], and
/// G[l-1] = (G[l] W[l]) * noise * act'(H[l-1]), the derivative taken from the saved activation.
///
/// The methods of a step are compiled fully optimised at once (AggressiveOptimization) rather than tiered up from
/// unoptimised code: in a notebook kernel busy compiling its cells the JIT's tier-1 queue ran late, and notebook 06's
/// training cell ran 8.5 s of unoptimised steps where 1.2 s sufficed (same cell, same kernel, measured).
/// </remarks>
internal sealed unsafe class Network<T, TActivation> : INetwork
    where T : unmanaged, IFloatingPointIeee754<T> where TActivation : struct, IActivationKernel<T>
{
    readonly int _n, _depth;
    readonly bool _bias;
    readonly ModelSpec _model;
    readonly double[] _decay;
    readonly Layer<T>[] _layers;
    readonly NativeBuffer<T> _x, _y;
    readonly Tensor?[] _noise;
    readonly T*[] _noiseData;
    readonly Generator _generator;
    readonly T _negLr, _twoOverN;
    readonly T[] _shrink;

    public Network(NetworkShape shape, ModelSpec model)
    {
        _model = model;
        _n = model.Targets.Length;
        _depth = shape.Depth;
        _bias = shape.Bias;
        var widths = shape.Widths();
        _decay = model.WeightDecay.Count == 1 ? Enumerable.Repeat(model.WeightDecay[0], _depth + 1).ToArray() : model.WeightDecay.ToArray();
        _negLr = T.CreateChecked(-model.LearningRate);
        _twoOverN = T.CreateChecked(2.0 / _n);
        _shrink = _decay.Select(g => T.CreateChecked(1 - 2 * model.LearningRate * g)).ToArray();
        _layers = new Layer<T>[_depth + 1];
        for (int l = 0; l <= _depth; l++)
            _layers[l] = new Layer<T>(BlockRows, widths[l], widths[l + 1], auxiliary: l < _depth && TActivation.SavesAuxiliary,
                noise: l < _depth && model.Noise is not null);

        int p0 = _layers[0].InStride, py = _layers[_depth].OutStride;
        _x = new(_n * (long)p0);
        _y = new(_n * (long)py);
        for (int i = 0; i < _n; i++)
        {
            for (int j = 0; j < widths[0]; j++) _x.Pointer[(long)i * p0 + j] = T.CreateChecked(model.Inputs[i, j]);
            _y.Pointer[(long)i * py] = T.CreateChecked(model.Targets[i]);
        }

        var dtype = typeof(T) == typeof(float) ? ScalarType.Float32 : ScalarType.Float64;
        _noise = new Tensor?[_depth];
        _noiseData = new T*[_depth];
        if (model.Noise is not null)
            for (int l = 0; l < _depth; l++)
            {
                _noise[l] = ones(_n, widths[l + 1], dtype).DetachFromDisposeScope();
                _noiseData[l] = (T*)TensorMemory.Data(_noise[l]!);
            }
        _generator = new Generator((ulong)model.Seed);
        Initialize(widths);
    }

    static int V => Vector<T>.Count;

    /// <summary>
    /// Rows per block of a pass: a block's buffers (about 20 KB for width 32 in float32) stay in a 32 KB L1 cache.
    /// Results do not depend on it (see <see cref="Pass"/>).
    /// </summary>
    const int BlockRows = 32;

    public double? Step(bool wantObjective)
    {
        for (int l = 0; l < _depth; l++)
            if (_noise[l] is not null) DrawNoise(l);
        double mse = Pass(training: true, backward: true);
        Update();
        return wantObjective ? mse + Penalty() : null;
    }

    public (double Mse, double Objective) Evaluate()
    {
        double mse = Pass(training: false, backward: false);
        return (mse, mse + Penalty());
    }

    public LayerParameters[] Gradients()
    {
        Pass(training: false, backward: true);
        var result = new LayerParameters[_depth + 1];
        for (int l = 0; l <= _depth; l++)
        {
            var layer = _layers[l];
            var gw = Matrix(layer.GradW, layer);
            var w = Matrix(layer.W, layer);
            for (int o = 0; o < layer.Out; o++)
                for (int i = 0; i < layer.In; i++) gw[o, i] += 2 * _decay[l] * w[o, i];
            result[l] = new LayerParameters(gw, Row(layer.GradB, layer.Out));
        }
        return result;
    }

    public LayerParameters[] Parameters() =>
        _layers.Select(layer => new LayerParameters(Matrix(layer.W, layer), Row(layer.B, layer.Out))).ToArray();

    public void SetParameters(IReadOnlyList<LayerParameters> parameters)
    {
        for (int l = 0; l <= _depth; l++)
        {
            var layer = _layers[l];
            for (int o = 0; o < layer.Out; o++)
            {
                for (int i = 0; i < layer.In; i++) layer.W.Pointer[(long)o * layer.InStride + i] = T.CreateChecked(parameters[l].Weight[o, i]);
                if (_bias) layer.B.Pointer[o] = T.CreateChecked(parameters[l].Bias[o]);
            }
            layer.TransposeWeights();
        }
    }

    /// <summary>
    /// Forward (and backward) over the samples in blocks of <see cref="BlockRows"/> rows, so that a block's
    /// activations and gradients stay in the core's L1 cache through all layers; the weight and bias gradients
    /// accumulate block after block in one chain per element, as if summed over all rows at once. Returns the MSE.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    double Pass(bool training, bool backward)
    {
        double sse = 0;
        for (int r0 = 0; r0 < _n; r0 += BlockRows)
        {
            int rows = Math.Min(BlockRows, _n - r0);
            Forward(r0, rows, training);
            sse += Residual(r0, rows);
            if (backward) Backward(r0, rows, training);
        }
        if (backward)
            foreach (var layer in _layers)
                if (layer.GradWt is { } t) Kernels<T>.Transpose(layer.GradW.Pointer, layer.InStride, t.Pointer, layer.OutStride, layer.In, layer.Out);
        return sse / _n;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    void Forward(int r0, int rows, bool training)
    {
        T* input = _x.Pointer + (long)r0 * _layers[0].InStride;
        for (int l = 0; l <= _depth; l++)
        {
            var layer = _layers[l];
            if (l == _depth || TActivation.IsIdentity) Affine(layer, input, rows, default(Stored<T>));
            else Affine(layer, input, rows, new ActivationOf<T, TActivation>(Auxiliary(layer)));
            if (l == _depth) break;
            if (layer.Noisy is { } noisy) MultiplyByNoise(noisy.Pointer, layer.H.Pointer, l, r0, rows, training);
            input = layer.Output;
        }
    }

    /// <summary>H = act(In W^T + b), the activation applied in the product's registers.</summary>
    void Affine<TEpilogue>(Layer<T> layer, T* input, int rows, TEpilogue act) where TEpilogue : struct, IEpilogue<T>
    {
        if (layer.Out == 1 && typeof(TEpilogue) == typeof(Stored<T>))
            Kernels<T>.RowDots(layer.H.Pointer, layer.OutStride, input, layer.InStride, layer.W.Pointer, rows, layer.InStride / V,
                _bias ? layer.B.Pointer[0] : T.Zero);
        else
            Kernels<T>.Product(layer.H.Pointer, layer.OutStride, input, layer.InStride, 1, layer.Wt.Pointer, layer.OutStride,
                rows, layer.In, layer.OutStride / V, _bias ? layer.B.Pointer : null, act);
    }

    /// <summary>G[D] = (2/n)(f − y) for the block; returns Σ (f − y)² over it, summed in double.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    double Residual(int r0, int rows)
    {
        var output = _layers[_depth];
        int stride = output.OutStride;
        T* f = output.H.Pointer, g = output.G.Pointer, y = _y.Pointer + (long)r0 * stride;
        double sum = 0;
        for (long i = 0, e = rows * (long)stride; i < e; i += V)
            ((Vector.Load(f + i) - Vector.Load(y + i)) * new Vector<T>(_twoOverN)).Store(g + i);
        for (long i = 0; i < rows; i++)
        {
            double r = double.CreateChecked(f[i * stride] - y[i * stride]);
            sum += r * r;
        }
        return sum;
    }

    /// <summary>Σ_l γ_l‖W[l]‖²_F, summed in double.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    double Penalty()
    {
        double total = 0;
        for (int l = 0; l <= _depth; l++)
        {
            if (_decay[l] == 0) continue;
            var w = _layers[l].W;
            double sq = 0;
            for (long i = 0; i < w.Length; i++) sq += double.CreateChecked(w.Pointer[i] * w.Pointer[i]);
            total += _decay[l] * sq;
        }
        return total;
    }

    /// <summary>The block's share of every layer's gradients, from the output layer down (see the remarks on the class).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    void Backward(int r0, int rows, bool training)
    {
        for (int l = _depth; l >= 0; l--)
        {
            var layer = _layers[l];
            T* input = l == 0 ? _x.Pointer + (long)r0 * layer.InStride : _layers[l - 1].Output;
            if (r0 == 0)
            {
                (layer.GradWt ?? layer.GradW).Span.Clear();
                layer.GradB.Span.Clear();
            }
            if (_bias) Kernels<T>.ColumnSumsAdd(layer.GradB.Pointer, layer.G.Pointer, layer.OutStride, rows, layer.OutStride / V);
            var below = l > 0 ? _layers[l - 1] : null;
            bool noisy = below?.Noisy is not null && training;
            // One output unit (as the output layer has; its gradient is never summed transposed): the weight gradient
            // and the gradient below in one pass over the rows, both reading the activation below.
            if (below is not null && layer.Out == 1 && layer.GradWt is null && !noisy)
            {
                if (TActivation.IsIdentity) SingleOutputBackward(layer, below, input, rows, default(Stored<T>));
                else SingleOutputBackward(layer, below, input, rows, new TimesDerivativeOf<T, TActivation>(below.H.Pointer, Auxiliary(below)));
                continue;
            }
            if (layer.GradWt is { } gwt)
                Kernels<T>.ProductAdd(gwt.Pointer, layer.OutStride, input, 1, layer.InStride, layer.G.Pointer, layer.OutStride,
                    layer.In, rows, layer.OutStride / V);
            else
                Kernels<T>.ProductAdd(layer.GradW.Pointer, layer.InStride, layer.G.Pointer, 1, layer.OutStride, input, layer.InStride,
                    layer.Out, rows, layer.InStride / V);
            if (below is null) break;
            var derivative = new TimesDerivativeOf<T, TActivation>(below.H.Pointer, Auxiliary(below));
            if (noisy || TActivation.IsIdentity) GradientBelow(layer, below, rows, default(Stored<T>));
            else GradientBelow(layer, below, rows, derivative);
            if (!noisy) continue;
            MultiplyByNoise(below.G.Pointer, below.G.Pointer, l - 1, r0, rows, training: true);
            if (!TActivation.IsIdentity) InPlace(below.G.Pointer, rows * (long)below.OutStride, derivative);
        }
    }

    /// <summary>∂L/∂W[l] += G[l]ᵀ In[l] and G[l-1] = (G[l] W[l]) act'(H[l-1]) for a layer with one output unit.</summary>
    void SingleOutputBackward<TEpilogue>(Layer<T> layer, Layer<T> below, T* input, int rows, TEpilogue derivative) where TEpilogue : struct, IEpilogue<T> =>
        Kernels<T>.SingleOutputBackward(layer.GradW.Pointer, layer.G.Pointer, layer.OutStride, input, layer.InStride, layer.W.Pointer,
            below.G.Pointer, below.OutStride, rows, layer.InStride / V, derivative);

    static T* Auxiliary(Layer<T> layer) => layer.S is { } s ? s.Pointer : null;

    /// <summary>G[l-1] = (G[l] W[l]) act'(H[l-1]), the derivative applied in the product's registers.</summary>
    void GradientBelow<TEpilogue>(Layer<T> layer, Layer<T> below, int rows, TEpilogue derivative) where TEpilogue : struct, IEpilogue<T> =>
        Kernels<T>.Product(below.G.Pointer, below.OutStride, layer.G.Pointer, layer.OutStride, 1, layer.W.Pointer, layer.InStride,
            rows, layer.Out, layer.InStride / V, null, derivative);

    /// <summary>p[i] = f(p[i]) elementwise, for the noisy path where the noise comes between product and derivative.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void InPlace<TEpilogue>(T* p, long count, TEpilogue f) where TEpilogue : struct, IEpilogue<T>
    {
        for (long i = 0; i < count; i += V) f.Apply(Vector.Load(p + i), i).Store(p + i);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    void Update()
    {
        var negLr = new Vector<T>(_negLr);
        for (int l = 0; l <= _depth; l++)
        {
            var layer = _layers[l];
            var shrink = new Vector<T>(_shrink[l]);
            T* w = layer.W.Pointer, gw = layer.GradW.Pointer;
            for (long i = 0; i < layer.W.Length; i += V)
                VectorMath<T>.Fma(Vector.Load(gw + i), negLr, Vector.Load(w + i) * shrink).Store(w + i);
            if (_bias)
                for (long i = 0; i < layer.B.Length; i += V)
                    VectorMath<T>.Fma(Vector.Load(layer.GradB.Pointer + i), negLr, Vector.Load(layer.B.Pointer + i)).Store(layer.B.Pointer + i);
            layer.TransposeWeights();
        }
    }

    void DrawNoise(int l)
    {
        switch (_model.Noise)
        {
            case MultiplicativeNoise.Bernoulli d:
                _noise[l]!.uniform_(0, 1, _generator).lt_(1 - d.DropProbability).div_(1 - d.DropProbability);
                break;
            case MultiplicativeNoise.Normal g:
                _noise[l]!.normal_(1, g.Sigma, _generator);
                break;
        }
    }

    /// <summary>
    /// target = source * noise[l] for the block's rows while training (the noise is n x Out, unpadded), else
    /// target = source.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    void MultiplyByNoise(T* target, T* source, int l, int r0, int rows, bool training)
    {
        var layer = _layers[l];
        T* noise = _noiseData[l] + (long)r0 * layer.Out;
        for (long r = 0; r < rows; r++)
            for (int c = 0; c < layer.Out; c++)
            {
                long at = r * layer.OutStride + c;
                target[at] = training ? source[at] * noise[r * layer.Out + c] : source[at];
            }
    }

    void Initialize(int[] widths)
    {
        using var scope = NewDisposeScope();
        var weights = new Tensor[_depth + 1];
        var biases = new Tensor[_depth + 1];
        double scale = _model.Initialization is Initialization.KaimingUniform ku ? ku.Scale : 1.0;
        for (int l = 0; l <= _depth; l++)
        {
            double bound = 1 / Math.Sqrt(widths[l]);
            weights[l] = empty(widths[l + 1], widths[l], ScalarType.Float64).uniform_(-bound, bound, _generator).mul_(scale);
            biases[l] = _bias
                ? empty(widths[l + 1], ScalarType.Float64).uniform_(-bound, bound, _generator).mul_(scale)
                : zeros(widths[l + 1], ScalarType.Float64);
        }
        if (_model.Initialization is Initialization.LayerSequentialUnitVariance)
            RescaleToData(weights, biases);
        SetParameters(Enumerable.Range(0, _depth + 1).Select(l => new LayerParameters(ToMatrix(weights[l]), ToVector(biases[l]))).ToArray());
    }

    void RescaleToData(Tensor[] weights, Tensor[] biases)
    {
        var input = tensor(_model.Inputs, ScalarType.Float64);
        for (int l = 0; l <= _depth; l++)
        {
            var z = input.matmul(weights[l].t()).add_(biases[l]);
            double std = z.std().item<double>();
            double target = l == _depth ? tensor(_model.Targets, ScalarType.Float64).std().item<double>() : 1.0;
            if (std > 0 && double.IsFinite(std) && target > 0)
            {
                weights[l].mul_(target / std);
                biases[l].mul_(target / std);
                z.mul_(target / std);
            }
            input = Activate(z);
        }
    }

    /// <summary>φ(Z) in float64 by the core's definition (<see cref="ActivationFunctions.Apply"/>), for the rescaling.</summary>
    Tensor Activate(Tensor z)
    {
        var values = z.contiguous().data<double>().ToArray();
        for (int i = 0; i < values.Length; i++) values[i] = _model.Activation.Apply(values[i]);
        return tensor(values, z.shape, ScalarType.Float64);
    }

    static double[,] Matrix(NativeBuffer<T> buffer, Layer<T> layer)
    {
        var m = new double[layer.Out, layer.In];
        for (int o = 0; o < layer.Out; o++)
            for (int i = 0; i < layer.In; i++) m[o, i] = double.CreateChecked(buffer.Pointer[(long)o * layer.InStride + i]);
        return m;
    }

    static double[] Row(NativeBuffer<T> buffer, int count)
    {
        var row = new double[count];
        for (int i = 0; i < count; i++) row[i] = double.CreateChecked(buffer.Pointer[i]);
        return row;
    }

    static double[] ToVector(Tensor t) => t.contiguous().data<double>().ToArray();

    static double[,] ToMatrix(Tensor t)
    {
        var flat = ToVector(t);
        var m = new double[(int)t.shape[0], (int)t.shape[1]];
        Buffer.BlockCopy(flat, 0, m, 0, flat.Length * sizeof(double));
        return m;
    }

    public void Dispose()
    {
        foreach (var layer in _layers) layer.Dispose();
        _x.Dispose();
        _y.Dispose();
        foreach (var t in _noise) t?.Dispose();
        _generator.Dispose();
    }
}

/// <summary>Where a CPU tensor's elements are (TorchSharp 0.107 exposes no data pointer; LibTorchSharp's own export).</summary>
internal static partial class TensorMemory
{
    [LibraryImport("LibTorchSharp", EntryPoint = "THSTensor_data")]
    private static partial IntPtr TensorData(IntPtr tensor);

    /// <summary>The first element of <paramref name="t"/>, which must be contiguous; valid while t lives.</summary>
    public static IntPtr Data(Tensor t) => t.is_contiguous() ? TensorData(t.Handle) : throw new ArgumentException("tensor must be contiguous", nameof(t));
}
