"""What the recurrent layers share (BasicRecurrentLayer, GatedRecurrentLayer,
LongShortTermMemoryLayer, each defined in ``nets/layers/``):

    layer.py    RecurrentLayer: arguments, gate arrays, ports and shape rule, the pure
                forward as a scan of the layer's cell
    kernel.py   RecurrentKernel: the NumPy time loop, forward and backward through time
    masks.py    the "Dropout" methods' masks
"""
from .kernel import RecurrentKernel, tanh_derivative
from .layer import RecurrentLayer, gate_arrays, sigmoid

__all__ = ["RecurrentLayer", "RecurrentKernel", "gate_arrays", "tanh_derivative", "sigmoid"]
