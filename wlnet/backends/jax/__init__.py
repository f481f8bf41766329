"""The JAX backend: nets evaluated and trained by JAX on the devices ``TargetDevice``
names (docs/scaling.md).

* ``devices``   which devices a setting names, found without starting JAX when it cannot
                have them (no JAX, no GPU plugin), and how arrays are placed on them
* ``lowering``  a net as a JAX function: its pure forward (``Net.evaluate``) run with
                ``jax.numpy``, loops as ``lax.scan``, random draws from a JAX key; the
                cache of compiled functions, by the net's structure
* ``steps``     the compiled training chunk: many batches in one call (a loop inside XLA),
                gradients by ``jax.grad``, the optimiser's pure rule
* ``training``  NetTrain's run on the backend: the same batches, stops, NaN handling and
                record (``train.results.TrainingRun``) as the NumPy loop
* ``evaluation`` ``net[x, TargetDevice -> ...]``

JAX is an optional extra (``pip install 'wlnet[jax]'``): nothing here imports it until a
computation asks for it, and then ``load()`` gives a clear error when it is missing.
"""


import sys

from ...nets.stopping import abandon_on_stop


class JaxMissing(ImportError):
    """JAX is not installed (the optional extra ``jax``)."""


def load(should_stop=None):
    """The ``jax`` module, or JaxMissing. Importing JAX the first time takes seconds; it
    stops at Ctrl-C (``should_stop``, or the thread's stop request: ``nets.stopping``),
    the import then finishing in the background."""
    if "jax" not in sys.modules:
        abandon_on_stop(_import_quietly, should_stop)
    try:
        import jax
    except ImportError:
        raise JaxMissing("the JAX backend needs JAX: pip install 'wlnet[jax]'") from None
    return jax


def _import_quietly():
    try:
        import jax  # noqa: F401
    except ImportError:
        pass        # load() reports it on its own thread
