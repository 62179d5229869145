#!/bin/sh
# Times the paper-size Figure 3 sweep with `deeplinear bench fig3` and the one-model-at-a-time PyTorch peer in one
# run on one machine, and prints the speedup. The peer trains a subset for fewer steps and extrapolates (it says so).
# Usage: bench/fig3_comparison.sh [peer arguments...]    (needs: apt-get install -y python3-torch)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
if ! /usr/bin/python3 -c "import torch" 2>/dev/null; then
    echo "fig3_comparison: the PyTorch peer needs torch for /usr/bin/python3 (apt-get install -y python3-torch)" >&2
    exit 2
fi
dotnet build "$root/lib/DeepLinear.Cli" -c Release -v quiet -nologo >/dev/null
ours=$(dotnet "$root/lib/DeepLinear.Cli/bin/Release/net10.0/DeepLinear.Cli.dll" bench fig3 | tail -n 1)
peer=$(/usr/bin/python3 "$root/bench/pytorch_fig3_peer.py" "$@" | tail -n 1)
/usr/bin/python3 - "$ours" "$peer" <<'PY'
import json, sys
ours, peer = json.loads(sys.argv[1]), json.loads(sys.argv[2])
deep_model_steps = 2 * (ours["models"] // 3) * ours["steps"]
print(f"deeplinear bench fig3: {ours['models']} models x {ours['steps']} steps in {ours['seconds']:.1f} s "
      f"({1000 * ours['seconds'] / deep_model_steps:.4f} ms per deep model-step, regressors included in the time)")
print(f"PyTorch peer ({peer['dtype']}, {peer['threads']} threads, {peer['measuredModels']} models x "
      f"{peer['measuredStepsPerModel']} steps measured): {peer['perModelStepMs']:.3f} ms per model-step, "
      f"paper-size sweep extrapolated to {peer['paperSweepSecondsExtrapolated']:.0f} s")
print(f"  CPU time: ours {ours['cpuSeconds']:.1f} CPU-s, peer {peer['paperSweepCpuSecondsExtrapolated']:.0f} CPU-s extrapolated "
      f"({peer['perModelStepCpuMs']:.3f} CPU-ms per model-step)")
print(f"speedup: {peer['paperSweepSecondsExtrapolated'] / ours['seconds']:.1f}x in wall time, "
      f"{peer['paperSweepCpuSecondsExtrapolated'] / ours['cpuSeconds']:.1f}x in CPU time")
PY
