"""Special functions for ElementwiseLayer with NumPy alone (NumPy has no erf or gamma):
the standard library's, element by element, in float64, and two it lacks (the inverse
error function and digamma). Under JAX the same names come from jax.scipy.special
(``for_namespace``), so the pure forward stays differentiable there."""
import importlib
import math

import numpy as np


def _elementwise(f):
    def apply(x):
        x = np.asarray(x)
        out = np.array([_safe(f, float(v)) for v in x.reshape(-1)], dtype=np.float64)
        return out.reshape(x.shape).astype(x.dtype if x.dtype.kind == "f" else np.float64)
    return apply


def _safe(f, v):
    try:
        return f(v)
    except (ValueError, OverflowError):     # a pole of Gamma, a domain error
        return math.inf if f in (math.gamma, math.lgamma) else math.nan


def _erfinv(y):
    """The x with erf(x) = y: Winitzki's approximation, then Newton's method."""
    if abs(y) >= 1:
        return math.copysign(math.inf, y) if abs(y) == 1 else math.nan
    a = 0.147
    t = math.log(1 - y * y)
    u = 2 / (math.pi * a) + t / 2
    x = math.copysign(math.sqrt(math.sqrt(u * u - t / a) - u), y)
    for _ in range(4):
        x -= (math.erf(x) - y) / (2 / math.sqrt(math.pi) * math.exp(-x * x))
    return x


def _digamma(x):
    """psi(x) = Gamma'(x)/Gamma(x): reflection below 1/2, recurrence up to 6, then the
    asymptotic series."""
    if x <= 0 and x == math.floor(x):
        return math.nan
    if x < 0.5:
        return _digamma(1 - x) - math.pi / math.tan(math.pi * x)
    shift = 0.0
    while x < 6:
        shift -= 1 / x
        x += 1
    f = 1 / (x * x)
    series = f * (1 / 12 - f * (1 / 120 - f * (1 / 252 - f * (1 / 240 - f / 132))))
    return shift + math.log(x) - 0.5 / x - series


NUMPY = {"erf": _elementwise(math.erf), "erfc": _elementwise(math.erfc),
         "erfinv": _elementwise(_erfinv), "gamma": _elementwise(math.gamma),
         "gammaln": _elementwise(math.lgamma), "digamma": _elementwise(_digamma)}


def for_namespace(xp, name):
    """The special function ``name`` (scipy.special's names) for arrays of ``xp``."""
    if xp is np:
        return NUMPY[name]
    package = xp.__name__.rpartition(".")[0]          # jax.numpy -> jax
    return getattr(importlib.import_module(f"{package}.scipy.special"), name)
