using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using DeepLinear.Training;

namespace DeepLinear.Benchmarks;

/// <summary>
/// CPU time of each kernel of one training step of one Figure 3 model (5 -> 32 -> 32 -> 1, n = 1000) on this thread,
/// to see where a step's time goes. Thread CPU time, not wall time, so that other work on a shared machine counts less.
/// Each timed body is compiled fully optimised at once, as the trainer's step is: tiered up from unoptimised code,
/// the float32 tanh row read about 75 us where the optimised loop takes under 20.
/// </summary>
static unsafe partial class OpTimings
{
    [StructLayout(LayoutKind.Sequential)]
    struct TimeSpec { public long Seconds, Nanoseconds; }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    /// <summary>CLOCK_THREAD_CPUTIME_ID in microseconds.</summary>
    static double ThreadCpuMicroseconds()
    {
        ClockGetTime(3, out var t);
        return t.Seconds * 1e6 + t.Nanoseconds / 1e3;
    }

    public static void Run()
    {
        FlushDenormalsForBenchmark();
        Console.WriteLine($"# engine kernels, one model, {Vector<float>.Count} floats per vector; microseconds of thread CPU per call (best of 5 x 200)");
        Console.WriteLine("| kernel | float32 us | float64 us |");
        Console.WriteLine("|---|---|---|");
        var f = Kernel<float>();
        var d = Kernel<double>();
        foreach (var name in f.Keys) Console.WriteLine($"| {name} | {f[name]:F1} | {d[name]:F1} |");
    }

    static void FlushDenormalsForBenchmark() => typeof(BatchedTrainer).Assembly.GetType("DeepLinear.Training.FlushDenormals")!
        .GetMethod("Enable")!.Invoke(null, null);

    static Dictionary<string, double> Kernel<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        const int n = Workload.Samples, w = Workload.Width, d = Workload.InputDim;
        var result = new Dictionary<string, double>();
        void Time(string name, Action a)
        {
            for (int i = 0; i < 20; i++) a();
            double best = double.MaxValue;
            for (int r = 0; r < 5; r++)
            {
                double start = ThreadCpuMicroseconds();
                for (int i = 0; i < 200; i++) a();
                best = Math.Min(best, (ThreadCpuMicroseconds() - start) / 200);
            }
            result[name] = best;
        }
        var models = Workload.Models(2, 1);
        var shape = Workload.Shape;
        foreach (var act in new[] { Activation.Relu, Activation.Tanh, Activation.Linear })
        {
            using var net = Network.Create<T>(shape, models[0] with { Activation = act });
            Time($"whole step, {act}", () => net.Step(wantObjective: false));
        }
        int V = Vector<T>.Count, pd = Layer<T>.Padded(d), pw = Layer<T>.Padded(w), p1 = Layer<T>.Padded(1);
        using var x = Filled<T>(n * pd); using var h0 = Filled<T>(n * pw); using var h1 = Filled<T>(n * pw);
        using var f = Filled<T>(n * p1); using var w0t = Filled<T>(d * pw); using var w1t = Filled<T>(w * pw);
        using var b = Filled<T>(pw); using var gw = Filled<T>(w * pw);
        using var w1 = Filled<T>(w * pw); using var w2 = Filled<T>(1 * pw);
        Time("fwd L0 product 5->32", [MethodImpl(MethodImplOptions.AggressiveOptimization)] () => Kernels<T>.Product(h0.Pointer, pw, x.Pointer, pd, 1, w0t.Pointer, pw, n, d, pw / V, b.Pointer));
        Time("fwd L1 product 32->32", [MethodImpl(MethodImplOptions.AggressiveOptimization)] () => Kernels<T>.Product(h1.Pointer, pw, h0.Pointer, pw, 1, w1t.Pointer, pw, n, w, pw / V, b.Pointer));
        Time("fwd L2 row dots 32->1", [MethodImpl(MethodImplOptions.AggressiveOptimization)] () => Kernels<T>.RowDots(f.Pointer, p1, h1.Pointer, pw, w2.Pointer, n, pw / V, T.One));
        Time("bwd L2 (1x32): gW and gIn in one pass", [MethodImpl(MethodImplOptions.AggressiveOptimization)] () =>
            Kernels<T>.SingleOutputBackward(gw.Pointer, f.Pointer, p1, h1.Pointer, pw, w2.Pointer, h0.Pointer, pw, n, pw / V, default(Stored<T>)));
        Time("bwd gW L1 (32x32)", [MethodImpl(MethodImplOptions.AggressiveOptimization)] () => Kernels<T>.Product(gw.Pointer, pw, h1.Pointer, 1, pw, h0.Pointer, pw, w, n, pw / V, null));
        Time("bwd gIn L1", [MethodImpl(MethodImplOptions.AggressiveOptimization)] () => Kernels<T>.Product(h0.Pointer, pw, h1.Pointer, pw, 1, w1.Pointer, pw, n, w, pw / V, null));
        Time("bwd gW L0 (5x32, transposed)", [MethodImpl(MethodImplOptions.AggressiveOptimization)] () => Kernels<T>.Product(gw.Pointer, pw, x.Pointer, 1, pd, h0.Pointer, pw, d, n, pw / V, null));
        Time("bias gradient (column sums)", [MethodImpl(MethodImplOptions.AggressiveOptimization)] () => Kernels<T>.ColumnSumsAdd(b.Pointer, h0.Pointer, pw, n, pw / V));
        Time("tanh over n x 32", [MethodImpl(MethodImplOptions.AggressiveOptimization)] () => { T* p = h1.Pointer; for (long i = 0; i < h1.Length; i += V) VectorMath<T>.Tanh(Vector.Load(p + i)).Store(p + i); });
        Time("relu over n x 32", [MethodImpl(MethodImplOptions.AggressiveOptimization)] () => { T* p = h1.Pointer; for (long i = 0; i < h1.Length; i += V) Vector.Max(Vector.Load(p + i), Vector<T>.Zero).Store(p + i); });
        Time("transpose 32x32", [MethodImpl(MethodImplOptions.AggressiveOptimization)] () => Kernels<T>.Transpose(w1t.Pointer, pw, w1.Pointer, pw, w, w));
        // What the old engine paid per hidden layer, and whether saturated units (large |z|) cost libtorch more.
        var dtype = typeof(T) == typeof(float) ? TorchSharp.torch.ScalarType.Float32 : TorchSharp.torch.ScalarType.Float64;
        using var z = TorchSharp.torch.empty(n, w, dtype);
        using var small = TorchSharp.torch.rand(n, w, dtype).mul_(2).sub_(1);
        using var large = TorchSharp.torch.rand(n, w, dtype).mul_(15).add_(5);
        Time("libtorch tanh_ over n x 32, |z| < 1", [MethodImpl(MethodImplOptions.AggressiveOptimization)] () => z.copy_(small).tanh_());
        Time("libtorch tanh_ over n x 32, |z| in 5..20", [MethodImpl(MethodImplOptions.AggressiveOptimization)] () => z.copy_(large).tanh_());
        Time("engine tanh over n x 32, |z| in 5..20", [MethodImpl(MethodImplOptions.AggressiveOptimization)] () =>
        {
            T* p = h1.Pointer;
            for (long i = 0; i < h1.Length; i += V) VectorMath<T>.Tanh(new Vector<T>(T.CreateChecked(5 + 15 * (i % 97) / 97.0))).Store(p + i);
        });
        return result;
    }

    static NativeBuffer<T> Filled<T>(long length) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var buffer = new NativeBuffer<T>(length);
        var random = new Random(1);
        for (long i = 0; i < length; i++) buffer.Pointer[i] = T.CreateChecked(random.NextDouble() - 0.5);
        return buffer;
    }
}
