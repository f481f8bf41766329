"""The family of layers with any number of inputs: TotalLayer, ThreadingLayer,
CatenateLayer. Their inputs are "Input1", "Input2", ... (Wolfram's names under
InputPorts -> n); in a NetGraph without InputPorts there is one per edge into them."""
from ..arguments import InputPorts, Param
from ..base import fit
from ..layer import Layer


class MultiInputLayer(Layer):
    """Shared by the layers of this family (not a layer itself)."""

    options = (Param("InputPorts", InputPorts(), symbol=True, what="the inputs"),)
    port_options = ("Output",)
    printed_ports = ("Output",)
    variadic_inputs = True
    output_gives_inputs = True   # inputs of the output's shape need not be written

    def initial_ports(self):
        spec = self.params["InputPorts"]
        shapes = [None] * spec if isinstance(spec, int) else list(spec or ())
        return {f"Input{i}": s for i, s in enumerate(shapes, 1)}, {"Output": None}, {}

    def argument_value(self, param):
        """InputPorts: the inputs' shapes when they are known and the output does not
        give them (a CatenateLayer's, a DotLayer's), else their count."""
        if param.name != "InputPorts":
            return super().argument_value(param)
        shapes = tuple(self._ins.values())
        if not shapes:
            return None
        if None in shapes or (self.output_gives_inputs and
                               all(s == self._outs["Output"] for s in shapes)):
            return len(shapes)
        return shapes

    @property
    def input_count(self):
        return len(self._ins) or None

    def with_input_count(self, n: int) -> "MultiInputLayer":
        layer = self._evolve(_ins={f"Input{i}": None for i in range(1, n + 1)})
        return layer.refine({}, {})


def same_shapes(head, ins, outs):
    """The shape rule of layers whose inputs and output all have one shape."""
    s = outs["Output"]
    for p, t in ins.items():
        s = fit(s, t, f"the input {p} of {head} and its other ports")
    return {p: s for p in ins}, {"Output": s}
