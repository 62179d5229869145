"""Fits the coefficients of the trainer's float32 tanh (VectorMath.RationalTanh in lib/DeepLinear.Training).

tanh a ~ a P(a^2) / Q(a^2) on [0, 9], P and Q of degree 4 in a^2, P(0) = Q(0) = 1, minimising the largest
relative error: linearised least squares (x P - t Q, divided by t and the previous Q) with Lawson's reweighting
towards the points of largest error, in the variable (a/9)^2 for conditioning. Prints the largest relative error in
double and the coefficients as float literals, highest degree first, in the order VectorMath's Horner chains use.
Usage: /usr/bin/python3 scripts/fit_tanh.py
"""
import numpy as np

CLAMP, P_DEGREE, Q_DEGREE = 9.0, 4, 4
x = np.unique(np.concatenate([np.linspace(1e-3, CLAMP, 20000), CLAMP * np.sin(np.linspace(0, np.pi / 2, 20000))[1:]]))
t = np.tanh(x)
u = (x / CLAMP) ** 2


def fit(weights, previous_q):
    columns = [x * u**j for j in range(1, P_DEGREE + 1)] + [-t * u**j for j in range(1, Q_DEGREE + 1)]
    scale = np.sqrt(weights) / (t * previous_q)
    solution, *_ = np.linalg.lstsq(np.stack(columns, axis=1) * scale[:, None], (t - x) * scale, rcond=None)
    return np.concatenate([[1], solution[:P_DEGREE]]), np.concatenate([[1], solution[P_DEGREE:]])


weights, q_values, best = np.full_like(x, 1 / len(x)), np.ones_like(x), None
for iteration in range(300):
    p, q = fit(weights, q_values)
    q_values = np.polyval(q[::-1], u)
    error = (x * np.polyval(p[::-1], u) / q_values - t) / t
    if best is None or np.abs(error).max() < best[0]:
        best = (np.abs(error).max(), p, q)
    if iteration >= 3:
        weights = weights * np.abs(error)
        weights /= weights.sum()

largest, p, q = best
print(f"largest relative error in exact arithmetic: {largest:.3g}")
for name, coefficients in (("P", p), ("Q", q)):
    in_a2 = [np.float32(c / CLAMP ** (2 * j)) for j, c in enumerate(coefficients)]
    print(name, "highest degree first:", ", ".join(f"{float(c)!r}f" for c in reversed(in_a2)))
