using TorchSharp;
using static TorchSharp.torch;

namespace DeepLinear.Training;

/// <summary>
/// K models of one shape held as stacked tensors (weights [K, out, in], biases [K, out], activations [K, n, width])
/// and trained by a hand-written forward and backward pass. Every buffer, and every per-model view of one, is
/// allocated once here; a step is in-place tensor operations only (matrix products are per-model <c>addmm_</c>
/// into views, since TorchSharp has no in-place or out= batched product), so the step loop allocates nothing of size
/// n. That matters more than it seems: each fresh temporary of a megabyte or so is an mmap/munmap pair, and the page
/// faults and TLB shootdowns serialise the training threads (measured: 2-thread speedup lost entirely).
/// </summary>
/// <remarks>
/// Notation: layer l = 0..D maps widths[l] to widths[l+1]; hidden output l (l &lt; D) is H[l] = act(Z[l]), the next
/// layer reads In[l+1] = H[l] (or H[l] * noise). Backward: Gz[l] = dL/dZ[l] is built in the G buffers; for the output
/// layer Gz[D] = (2/n) (f - y) lives in the F buffer.
/// </remarks>
internal sealed class Shard : IDisposable
{
    readonly int _k, _n, _depth;
    readonly int[] _widths;
    readonly bool _bias;
    readonly ScalarType _dtype;
    readonly ModelSpec[] _models;
    readonly Generator[] _generators;
    readonly IReadOnlyList<IDisposable> _owned;

    readonly Tensor _x, _y, _f;
    readonly Tensor[] _w, _b, _gw, _gb, _bView;
    readonly Tensor[] _h, _hIn, _g, _t;
    readonly Tensor?[] _noise, _z, _s;
    readonly Tensor _negLr, _negLrBias;
    readonly Tensor[] _shrink;
    readonly bool[] _anyDecay;
    readonly double[][] _decay;

    // Per-model views: [layer][model].
    readonly Tensor[][] _inV, _outV, _wV, _wTV, _gwV, _gbV, _gzV, _gzTV, _gInV;
    readonly Tensor?[][] _noiseV;
    // Per-model views of H, G, T, Z, S: [layer][model]. Activations, their derivatives and reductions run model by
    // model, never over a whole shard: libtorch's vectorised loops finish a contiguous range with a scalar tail
    // (std::tanh instead of the SIMD tanh, a separate multiply and add instead of a fused one), so an op over several
    // models would round a model's last elements differently depending on which models share its shard.
    readonly (Activation Act, Tensor H, Tensor G, Tensor T, Tensor? Z, Tensor? S)[][] _units;
    readonly bool _anyNoise;
    readonly bool[] _active;

    public Shard(NetworkShape shape, IReadOnlyList<ModelSpec> models, Precision precision)
    {
        _models = models.ToArray();
        _k = _models.Length;
        _n = _models[0].Targets.Length;
        _depth = shape.Depth;
        _widths = shape.Widths();
        _bias = shape.Bias;
        _dtype = precision == Precision.Float64 ? ScalarType.Float64 : ScalarType.Float32;
        var scope = NewDisposeScope();
        try
        {
            _active = Enumerable.Repeat(true, _k).ToArray();

            int layers = _depth + 1;
            _x = Padded(_n, shape.InputDim).copy_(Stack(_models.Select(m => tensor(m.Inputs, ScalarType.Float64)), _dtype));
            _y = Padded(_n, 1).copy_(Stack(_models.Select(m => tensor(m.Targets, ScalarType.Float64).reshape(_n, 1)), _dtype));
            _f = Padded(_n, 1);

            _w = new Tensor[layers]; _b = new Tensor[layers]; _gw = new Tensor[layers]; _gb = new Tensor[layers];
            _bView = new Tensor[layers]; _shrink = new Tensor[layers]; _anyDecay = new bool[layers];
            for (int l = 0; l < layers; l++)
            {
                _w[l] = Padded(_widths[l + 1], _widths[l]);
                _b[l] = Padded(_widths[l + 1]);
                _gw[l] = Padded(_widths[l + 1], _widths[l]);
                _gb[l] = Padded(_widths[l + 1]);
                _bView[l] = _b[l].unsqueeze(1);
            }

            _h = new Tensor[_depth]; _hIn = new Tensor[_depth]; _g = new Tensor[_depth]; _t = new Tensor[_depth];
            _noise = new Tensor?[_depth]; _z = new Tensor?[_depth]; _s = new Tensor?[_depth];
            _anyNoise = _models.Any(m => m.Noise is not null);
            bool anySwish = _models.Any(m => m.Activation == Activation.Swish);
            for (int l = 0; l < _depth; l++)
            {
                int w = _widths[l + 1];
                _h[l] = Padded(_n, w);
                _g[l] = Padded(_n, w);
                _t[l] = Padded(_n, w);
                _noise[l] = _anyNoise ? Padded(_n, w).fill_(1) : null;
                _hIn[l] = _anyNoise ? Padded(_n, w) : _h[l];
                _z[l] = anySwish ? Padded(_n, w) : null;
                _s[l] = anySwish ? Padded(_n, w) : null;
            }

            _inV = new Tensor[layers][]; _outV = new Tensor[layers][]; _wV = new Tensor[layers][]; _wTV = new Tensor[layers][];
            _gwV = new Tensor[layers][]; _gbV = new Tensor[layers][]; _gzV = new Tensor[layers][]; _gzTV = new Tensor[layers][]; _gInV = new Tensor[layers][];
            _noiseV = new Tensor?[_depth][];
            for (int l = 0; l < layers; l++)
            {
                var input = l == 0 ? _x : _hIn[l - 1];
                var output = l == _depth ? _f : _h[l];
                var gz = l == _depth ? _f : _g[l];
                _inV[l] = Views(input);
                _outV[l] = Views(output);
                _wV[l] = Views(_w[l]); _wTV[l] = _wV[l].Select(v => v.t()).ToArray();
                _gwV[l] = Views(_gw[l]);
                _gbV[l] = Views(_gb[l]);
                _gzV[l] = Views(gz); _gzTV[l] = _gzV[l].Select(v => v.t()).ToArray();
                _gInV[l] = l == 0 ? [] : Views(_g[l - 1]);
            }
            for (int l = 0; l < _depth; l++)
                _noiseV[l] = _noise[l] is { } m ? Views(m) : new Tensor?[_k];

            _units = new (Activation, Tensor, Tensor, Tensor, Tensor?, Tensor?)[_depth][];
            for (int l = 0; l < _depth; l++)
                _units[l] = Enumerable.Range(0, _k).Select(k => (_models[k].Activation,
                    _h[l][k], _g[l][k], _t[l][k], _z[l]?[k], _s[l]?[k])).ToArray();

            _decay = new double[_k][];
            for (int k = 0; k < _k; k++)
                _decay[k] = _models[k].WeightDecay.Count == 1
                    ? Enumerable.Repeat(_models[k].WeightDecay[0], layers).ToArray()
                    : _models[k].WeightDecay.ToArray();
            for (int l = 0; l < layers; l++) _anyDecay[l] = _decay.Any(d => d[l] != 0);
            _negLr = zeros(_k, 1, 1, _dtype);
            _negLrBias = _negLr.view(_k, 1);
            for (int l = 0; l < layers; l++) _shrink[l] = ones(_k, 1, 1, _dtype);
            SetLearningRates();

            _generators = new Generator[_k];
            for (int k = 0; k < _k; k++)
            {
                _generators[k] = new Generator((ulong)_models[k].Seed);
                Initialize(k);
            }
        }
        catch
        {
            scope.Dispose();
            throw;
        }
        _owned = scope.DisposablesView.ToArray();
        scope.Detach(_owned);
        scope.Dispose();
    }

    public int Count => _k;

    /// <summary>Stops updating model k (its learning rate becomes 0); forward and backward still run for it.</summary>
    public void Freeze(int k)
    {
        _active[k] = false;
        SetLearningRates();
    }

    /// <summary>Makes every model trainable again.</summary>
    public void Unfreeze()
    {
        Array.Fill(_active, true);
        SetLearningRates();
    }

    /// <summary>One full-batch gradient-descent step of every model. Returns the objective per model when asked.</summary>
    public double[]? Step(bool wantObjective)
    {
        using var scope = NewDisposeScope();
        Forward(training: true);
        var objective = wantObjective ? Objective() : null;
        Backward();
        Update();
        return objective;
    }

    /// <summary>Noise-free (MSE, objective) of every model at the current parameters.</summary>
    public (double[] Mse, double[] Objective) Evaluate()
    {
        using var scope = NewDisposeScope();
        Forward(training: false);
        var mse = Mse();
        var penalty = Penalty();
        return (mse, mse.Zip(penalty, (a, b) => a + b).ToArray());
    }

    /// <summary>Gradients of the objective (noise-free, at the current parameters) per layer for model k.</summary>
    internal LayerParameters[] Gradients(int k)
    {
        using (NewDisposeScope())
        {
            Forward(training: false);
            Backward();
        }
        var result = new LayerParameters[_depth + 1];
        for (int l = 0; l <= _depth; l++)
        {
            using var scope = NewDisposeScope();
            var gw = _gw[l][k] + 2 * _decay[k][l] * _w[l][k];
            result[l] = new LayerParameters(ToMatrix(gw), ToVector(_gb[l][k]));
        }
        return result;
    }

    public LayerParameters[] Parameters(int k)
    {
        using var scope = NewDisposeScope();
        var result = new LayerParameters[_depth + 1];
        for (int l = 0; l <= _depth; l++)
            result[l] = new LayerParameters(ToMatrix(_w[l][k]), _bias ? ToVector(_b[l][k]) : new double[_widths[l + 1]]);
        return result;
    }

    public void SetParameters(int k, IReadOnlyList<LayerParameters> parameters)
    {
        using var scope = NewDisposeScope();
        for (int l = 0; l <= _depth; l++)
        {
            _w[l][k].copy_(tensor(parameters[l].Weight, ScalarType.Float64));
            if (_bias) _b[l][k].copy_(tensor(parameters[l].Bias, ScalarType.Float64));
        }
    }

    void Forward(bool training)
    {
        for (int l = 0; l <= _depth; l++)
        {
            for (int k = 0; k < _k; k++) _outV[l][k].addmm_(_inV[l][k], _wTV[l][k], 0, 1);
            var output = l == _depth ? _f : _h[l];
            if (_bias) output.add_(_bView[l]);
            if (l == _depth) break;
            Activate(l);
            if (_anyNoise)
            {
                if (training) DrawNoise(l);
                if (training) _hIn[l].copy_(_h[l]).mul_(_noise[l]!);
                else _hIn[l].copy_(_h[l]);
            }
        }
        _f.sub_(_y);
    }

    void Activate(int l)
    {
        foreach (var (act, h, _, _, z, s) in _units[l])
            switch (act)
            {
                case Activation.Relu: h.relu_(); break;
                case Activation.Tanh: h.tanh_(); break;
                case Activation.Swish:
                    z!.copy_(h);
                    s!.copy_(h).sigmoid_();
                    h.mul_(s);
                    break;
            }
    }

    void DrawNoise(int l)
    {
        for (int k = 0; k < _k; k++)
            switch (_models[k].Noise)
            {
                case MultiplicativeNoise.Bernoulli d:
                    _noiseV[l][k]!.bernoulli_(1 - d.DropProbability, _generators[k]).div_(1 - d.DropProbability);
                    break;
                case MultiplicativeNoise.Normal g:
                    _noiseV[l][k]!.normal_(1, g.Sigma, _generators[k]);
                    break;
            }
    }

    /// <summary>
    /// Turns G[l] = dL/dH[l] into dL/dZ[l] using the saved activations only, through the preallocated T buffer:
    /// a fresh temporary (h.sign(), h.square()) is faster on one thread but, at this size, each is an mmap/munmap
    /// pair whose page faults and TLB shootdowns serialise two training threads.
    /// </summary>
    void Differentiate(int l)
    {
        foreach (var (act, h, g, t, _, s) in _units[l])
            switch (act)
            {
                case Activation.Relu:
                    g.mul_(t.copy_(h).sign_());
                    break;
                case Activation.Tanh:
                    g.mul_(t.fill_(1).addcmul_(h, h, -1));
                    break;
                case Activation.Swish:
                    g.mul_(t.fill_(1).sub_(s!).mul_(h).add_(s!));
                    break;
            }
    }

    void Backward()
    {
        _f.mul_(2.0 / _n);
        for (int l = _depth; l >= 0; l--)
        {
            var gz = l == _depth ? _f : _g[l];
            for (int k = 0; k < _k; k++) _gwV[l][k].addmm_(_gzTV[l][k], _inV[l][k], 0, 1);
            if (_bias) for (int k = 0; k < _k; k++) _gbV[l][k].copy_(_gzV[l][k].sum(0L));
            if (l == 0) break;
            if (l == _depth) _g[l - 1].copy_(_f).mul_(_w[l]);
            else for (int k = 0; k < _k; k++) _gInV[l][k].addmm_(_gzV[l][k], _wV[l][k], 0, 1);
            if (_anyNoise) _g[l - 1].mul_(_noise[l - 1]!);
            Differentiate(l - 1);
        }
    }

    void Update()
    {
        for (int l = 0; l <= _depth; l++)
        {
            if (_anyDecay[l]) _w[l].mul_(_shrink[l]);
            _w[l].addcmul_(_gw[l], _negLr, 1);
            if (_bias) _b[l].addcmul_(_gb[l], _negLrBias, 1);
        }
    }

    double[] Mse() => PerModel(k => _outV[_depth][k].square().sum().div_(_n));

    double[] Penalty()
    {
        var total = new double[_k];
        for (int l = 0; l <= _depth; l++)
        {
            if (!_anyDecay[l]) continue;
            var sq = PerModel(k => _wV[l][k].square().sum());
            for (int k = 0; k < _k; k++) total[k] += _decay[k][l] * sq[k];
        }
        return total;
    }

    double[] Objective() => Mse().Zip(Penalty(), (a, b) => a + b).ToArray();

    void SetLearningRates()
    {
        using var scope = NewDisposeScope();
        var lr = Enumerable.Range(0, _k).Select(k => _active[k] ? _models[k].LearningRate : 0).ToArray();
        _negLr.copy_(tensor(lr.Select(v => -v).ToArray(), ScalarType.Float64).view(_k, 1, 1));
        for (int l = 0; l <= _depth; l++)
            _shrink[l].copy_(tensor(lr.Select((v, k) => 1 - 2 * v * _decay[k][l]).ToArray(), ScalarType.Float64).view(_k, 1, 1));
    }

    void Initialize(int k)
    {
        using var scope = NewDisposeScope();
        var model = _models[k];
        var weights = new Tensor[_depth + 1];
        var biases = new Tensor[_depth + 1];
        double scale = model.Initialization is Initialization.KaimingUniform ku ? ku.Scale : 1.0;
        for (int l = 0; l <= _depth; l++)
        {
            double bound = 1 / Math.Sqrt(_widths[l]);
            weights[l] = empty(_widths[l + 1], _widths[l], ScalarType.Float64).uniform_(-bound, bound, _generators[k]).mul_(scale);
            biases[l] = _bias
                ? empty(_widths[l + 1], ScalarType.Float64).uniform_(-bound, bound, _generators[k]).mul_(scale)
                : zeros(_widths[l + 1], ScalarType.Float64);
        }
        if (model.Initialization is Initialization.LayerSequentialUnitVariance)
            RescaleToData(model, weights, biases);
        for (int l = 0; l <= _depth; l++)
        {
            _w[l][k].copy_(weights[l]);
            _b[l][k].copy_(biases[l]);
        }
    }

    void RescaleToData(ModelSpec model, Tensor[] weights, Tensor[] biases)
    {
        var input = tensor(model.Inputs, ScalarType.Float64);
        for (int l = 0; l <= _depth; l++)
        {
            var z = input.matmul(weights[l].t()).add_(biases[l]);
            double std = z.std().item<double>();
            double target = l == _depth ? tensor(model.Targets, ScalarType.Float64).std().item<double>() : 1.0;
            if (std > 0 && double.IsFinite(std) && target > 0)
            {
                weights[l].mul_(target / std);
                biases[l].mul_(target / std);
                z.mul_(target / std);
            }
            input = model.Activation switch
            {
                Activation.Relu => z.relu(),
                Activation.Tanh => z.tanh(),
                Activation.Swish => z * z.sigmoid(),
                _ => z,
            };
        }
    }

    /// <summary>A scalar reduction done model by model (see <see cref="_units"/> for why not over the shard).</summary>
    double[] PerModel(Func<int, Tensor> reduce)
    {
        using var scope = NewDisposeScope();
        return ToVector(stack(Enumerable.Range(0, _k).Select(reduce).ToArray()));
    }

    /// <summary>
    /// A zero [K, ..shape] buffer in which every model's slice starts on a 64-byte boundary (the slices are padded
    /// to a multiple of 64 bytes; libtorch aligns the storage itself to 64). The matrix-product kernels take
    /// different code paths for differently aligned operands, and on AVX-512 machines those round differently,
    /// so with unpadded slices a model's trajectory would depend on its position in the shard.
    /// </summary>
    Tensor Padded(params long[] shape)
    {
        long size = shape.Aggregate(1L, (a, b) => a * b);
        long lanes = 64 / (_dtype == ScalarType.Float64 ? sizeof(double) : sizeof(float));
        long stride = (size + lanes - 1) / lanes * lanes;
        return zeros(_k, stride, _dtype).narrow(1, 0, size).view([_k, .. shape]);
    }

    Tensor[] Views(Tensor stacked) => Enumerable.Range(0, _k).Select(k => stacked[k]).ToArray();

    static Tensor Stack(IEnumerable<Tensor> parts, ScalarType dtype)
    {
        using var scope = NewDisposeScope();
        return stack(parts.ToArray()).to_type(dtype).contiguous().MoveToOuterDisposeScope();
    }

    static double[] ToVector(Tensor t)
    {
        using var scope = NewDisposeScope();
        return t.to_type(ScalarType.Float64).contiguous().data<double>().ToArray();
    }

    static double[,] ToMatrix(Tensor t)
    {
        var flat = ToVector(t);
        int rows = (int)t.shape[0], cols = (int)t.shape[1];
        var m = new double[rows, cols];
        Buffer.BlockCopy(flat, 0, m, 0, flat.Length * sizeof(double));
        return m;
    }

    public void Dispose()
    {
        foreach (var g in _generators) g.Dispose();
        foreach (var t in _owned) t.Dispose();
    }
}
