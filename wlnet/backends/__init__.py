"""Optional lowerings of the runtime's nets to other engines, each in its own package and
loaded only when asked for (``wlnet.nets`` and ``wlnet.train`` never import them), each
read from the layers' one definitions and each behind an optional extra:

* ``jax``: ``TargetDevice`` (GPUs, several devices, the compiled CPU path) through JAX,
  reading each net's one pure forward (``Net.evaluate``).
* ``onnx``: ``Export["net.onnx", net]`` and ``Import["net.onnx"]`` (docs/onnx.md).
"""
