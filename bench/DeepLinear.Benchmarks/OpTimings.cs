using System.Diagnostics;
using static TorchSharp.torch;

namespace DeepLinear.Benchmarks;

/// <summary>Cost of each tensor operation of one step of one shard (20 models), to see where a step's time goes.</summary>
static class OpTimings
{
    public static void Run(int threads)
    {
        set_num_threads(threads);
        int K = 20, n = 1000, h = 32, reps = 300;
        var dt = ScalarType.Float32;
        var A = rand(K, n, h, dtype: dt);
        var G0 = randn(K, n, h, dtype: dt); var G = G0.clone();
        var X = randn(K, n, 5, dtype: dt);
        var F = randn(K, n, 1, dtype: dt);
        var W = randn(K, h, h, dtype: dt);
        var W1 = randn(K, h, 5, dtype: dt);
        var W3 = randn(K, 1, h, dtype: dt);
        var Z = empty(K, n, h, dtype: dt);
        var T = empty(K, n, h, dtype: dt);
        var B = randn(K, 1, h, dtype: dt);
        var gb = empty(K, h, dtype: dt);
        Tensor[] V(Tensor t) => Enumerable.Range(0, K).Select(k => t[k]).ToArray();
        var Zv = V(Z); var Av = V(A); var Gv = V(G); var Xv = V(X); var Fv = V(F); var Wv = V(W); var W1v = V(W1); var W3v = V(W3);
        var Wt = Wv.Select(w => w.t()).ToArray(); var W1t = W1v.Select(w => w.t()).ToArray(); var Gt = Gv.Select(w => w.t()).ToArray(); var Ft = Fv.Select(w => w.t()).ToArray();
        var Xt = Xv.Select(w => w.t()).ToArray();
        void Time(string name, Action a) { for (int i = 0; i < 10; i++) a(); var sw = Stopwatch.StartNew(); for (int i = 0; i < reps; i++) { using var s = NewDisposeScope(); a(); } Console.WriteLine($"{name,-40} {sw.Elapsed.TotalMilliseconds / reps:F3} ms"); }
        Console.WriteLine($"in-place ops return the same wrapper: add_ {ReferenceEquals(Z.add_(B), Z)}, addmm_ {ReferenceEquals(Zv[0].addmm_(Av[0], Wt[0], 0, 1), Zv[0])}, mul_ {ReferenceEquals(Z.mul_(1.0), Z)}");
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (int k = 0; k < K; k++) Zv[k].addmm_(Av[k], Wt[k], 0, 1);
        Console.WriteLine($"managed bytes allocated per addmm_ call: {(GC.GetAllocatedBytesForCurrentThread() - before) / K}");
        var tiny = Enumerable.Range(0, K).Select(_ => rand(2, 2, dtype: dt)).ToArray();
        Time("call overhead: addmm_ x K on 2x2", () => { for (int k = 0; k < K; k++) tiny[k].addmm_(tiny[k], tiny[k], 0, 1); });
        Time("call overhead: mul_ x K on 2x2", () => { for (int k = 0; k < K; k++) tiny[k].mul_(tiny[k]); });
        Time("gW L1 bmm(G^T, A) alloc + copy_", () => W.copy_(bmm(G.transpose(1, 2), A)));
        Time("fwd L0 addmm_ x K (5->32)", () => { for (int k = 0; k < K; k++) Zv[k].addmm_(Xv[k], W1t[k], 0, 1); });
        Time("fwd L1 addmm_ x K (32->32)", () => { for (int k = 0; k < K; k++) Zv[k].addmm_(Av[k], Wt[k], 0, 1); });
        Time("fwd L2 addmm_ x K (32->1)", () => { for (int k = 0; k < K; k++) Fv[k].addmm_(Av[k], W3v[k].t(), 0, 1); });
        Time("bwd gW L1 x K", () => { for (int k = 0; k < K; k++) Wv[k].addmm_(Gt[k], Av[k], 0, 1); });
        Time("bwd gIn L1 x K", () => { for (int k = 0; k < K; k++) Zv[k].addmm_(Gv[k], Wv[k], 0, 1); });
        Time("bwd gIn L2 (outer) x K", () => { for (int k = 0; k < K; k++) Zv[k].addmm_(Fv[k], W3v[k], 0, 1); });
        Time("bwd gW L0 x K", () => { for (int k = 0; k < K; k++) W1v[k].addmm_(Gt[k], Xv[k], 0, 1); });
        Time("bwd gW L2 x K", () => { for (int k = 0; k < K; k++) W3v[k].addmm_(Ft[k], Av[k], 0, 1); });
        Time("bmm alloc L1", () => bmm(A, W.transpose(1, 2)));
        Time("bias add_", () => Z.add_(B));
        Time("tanh_", () => T.copy_(A).tanh_());
        Time("copy_", () => T.copy_(A));
        Time("relu_", () => Z.relu_());
        Time("reset G copy_", () => G.copy_(G0));
        Time("tanh' fill+addcmul+mul (+reset)", () => G.copy_(G0).mul_(T.fill_(1).addcmul_(A, A, -1)));
        Time("relu' copy+sign+mul (+reset)", () => G.copy_(G0).mul_(T.copy_(A).sign_()));
        Time("relu' mul_(sign()) alloc (+reset)", () => G.copy_(G0).mul_(A.sign()));
        Time("relu' masked_fill_(le(0)) (+reset)", () => G.copy_(G0).masked_fill_(A.le(0), 0));
        Time("relu' mul_(gt(0)) (+reset)", () => G.copy_(G0).mul_(A.gt(0)));
        Time("tanh' addcmul_(G, square()) (+reset)", () => G.copy_(G0).addcmul_(G, A.square(), -1));
        Time("fwd L0 bmm alloc + copy_", () => Z.copy_(bmm(X, W1.transpose(1, 2))));
        Time("fwd L1 bmm alloc + copy_", () => Z.copy_(bmm(A, W.transpose(1, 2))));
        Time("bwd gIn L1 bmm alloc + copy_", () => Z.copy_(bmm(G, W)));
        Time("bias grad sum(1)+copy", () => gb.copy_(G.sum(1)));
        Time("mul_ scalar (+reset)", () => G.copy_(G0).mul_(1.0));
    }
}
