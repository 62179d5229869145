#!/usr/bin/python3
"""One-model-at-a-time PyTorch peer of `deeplinear bench fig3`.

Trains the Figure 3 networks the ordinary way (one nn.Sequential at a time, autograd, torch.optim.SGD, full batch)
and reports the time per model-step. By default it trains a subset of the sweep for fewer steps and extrapolates to
the paper-size sweep (20 signals x {ReLU, Tanh} D = 2 width-32 nets, 10^4 steps, plus 20 D = 0 regressors); the
output says so. Needs Debian's python3-torch (apt-get install -y python3-torch).

Last line on stdout: one JSON object with the measurement.
"""
import argparse
import json
import sys
import time

import torch


def data(signal, n, d, gen, dtype):
    x = torch.randn(n, d, generator=gen, dtype=torch.float64)
    v = torch.randn(d, generator=gen, dtype=torch.float64)
    y = x @ v
    y = y * (signal / (x.T @ y / n).norm())
    return x.to(dtype), y.reshape(-1, 1).to(dtype)


def train(x, y, depth, width, activation, steps, lr, decay, seed):
    torch.manual_seed(seed)
    layers, fan_in = [], x.shape[1]
    for _ in range(depth):
        layers += [torch.nn.Linear(fan_in, width), torch.nn.ReLU() if activation == "relu" else torch.nn.Tanh()]
        fan_in = width
    layers.append(torch.nn.Linear(fan_in, 1))
    net = torch.nn.Sequential(*layers).to(x.dtype)
    weights = [m.weight for m in net if isinstance(m, torch.nn.Linear)]
    opt = torch.optim.SGD(net.parameters(), lr=lr)
    for _ in range(steps):
        opt.zero_grad()
        loss = ((net(x) - y) ** 2).mean() + decay * sum((w ** 2).sum() for w in weights)
        loss.backward()
        opt.step()
    with torch.no_grad():
        return ((net(x) - y) ** 2).mean().item()


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--steps", type=int, default=1000, help="steps per model actually run (paper: 10000)")
    p.add_argument("--signals", type=int, default=2, help="signals actually run, each with ReLU and Tanh (paper: 20)")
    p.add_argument("--decay", type=float, default=0.01)
    p.add_argument("--dtype", choices=["float32", "float64"], default="float32")
    p.add_argument("--threads", type=int, default=2)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    dtype = torch.float32 if a.dtype == "float32" else torch.float64
    gen = torch.Generator().manual_seed(0)
    signals = [0.01 * (i + 1) for i in range(a.signals)]
    deep_steps, start, cpu_start = 0, time.perf_counter(), time.process_time()
    for i, s in enumerate(signals):
        x, y = data(s, 1000, 5, gen, dtype)
        for act in ("relu", "tanh"):
            loss = train(x, y, 2, 32, act, a.steps, 0.1, a.decay, seed=2 * i + (act == "tanh"))
            deep_steps += a.steps
            print(f"peer: signal {s:.2f} {act}: loss {loss:.3e} after {a.steps} steps, "
                  f"{time.perf_counter() - start:.1f} s", file=sys.stderr)
    deep_seconds, deep_cpu = time.perf_counter() - start, time.process_time() - cpu_start
    start, cpu_start = time.perf_counter(), time.process_time()
    x, y = data(signals[0], 1000, 5, gen, dtype)
    train(x, y, 0, 32, "linear", a.steps, 0.1, a.decay, seed=99)
    linear_seconds, linear_cpu = time.perf_counter() - start, time.process_time() - cpu_start
    per_model_step = deep_seconds / deep_steps
    paper = 2 * 20 * 10_000 * per_model_step + 20 * 10_000 * linear_seconds / a.steps
    # CPU time as well (all threads of this process): on a shared machine wall time mostly measures the neighbours.
    paper_cpu = 2 * 20 * 10_000 * deep_cpu / deep_steps + 20 * 10_000 * linear_cpu / a.steps
    print(json.dumps({
        "peer": "pytorch one model at a time", "torch": torch.__version__, "dtype": a.dtype, "threads": a.threads,
        "measuredModels": 2 * len(signals), "measuredStepsPerModel": a.steps, "measuredSeconds": round(deep_seconds, 3),
        "perModelStepMs": round(1000 * per_model_step, 4),
        "linearPerStepMs": round(1000 * linear_seconds / a.steps, 4),
        "paperSweepSecondsExtrapolated": round(paper, 1),
        "perModelStepCpuMs": round(1000 * deep_cpu / deep_steps, 4),
        "paperSweepCpuSecondsExtrapolated": round(paper_cpu, 1),
    }))


if __name__ == "__main__":
    main()
