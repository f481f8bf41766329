"""What the layers over images share (ConvolutionLayer, PoolingLayer): their window
options, how many spatial dimensions they work in, and where the channels are.

Wolfram's arrays of images are channels first, {channels, d1, ..., dk}; with
``Interleaving -> True`` channels last, {d1, ..., dk, channels}. The number k of
spatial dimensions (1, 2 or 3) comes from "Dimensionality", from any setting written
as a list ({3, 3} is two), or from the rank of a known port.
"""
from ..arguments import Boolean, Padding, Param, Size, Spatial
from ..errors import NetError, ShapeConflict
from ..layer import Layer
from ..shapes import VARYING, describe, unify
from ..windows import geometry, per_dimension

STRIDE = Param("Stride", Spatial(), default=1, what="the stride")
PADDING = Param("PaddingSize", Padding(), default=0, symbol=True, what="the padding size")
DILATION = Param("Dilation", Spatial(), default=1, what="the dilation")
DIMENSIONALITY = Param("Dimensionality", Size(), what="the dimensionality")
CHANNEL_GROUPS = Param("ChannelGroups", Size(), default=1, what="the number of channel groups")
INTERLEAVING = Param("Interleaving", Boolean(), default=False, symbol=True,
                     what="the Interleaving setting")

WINDOW_SETTINGS = ("KernelSize", "Stride", "Dilation", "PaddingSize")


class SpatialLayer(Layer):
    """A layer over images of 1, 2 or 3 spatial dimensions (no layer by itself)."""

    port_options = ("Input",)
    MAX_RANK = 3

    # -- how many spatial dimensions ------------------------------------------------
    def declared_rank(self):
        """The number of spatial dimensions the parameters fix, or None; NetError when
        they disagree with each other."""
        found = {}
        if self.params.get("Dimensionality") is not None:
            found["Dimensionality"] = self.params["Dimensionality"]
        for name in WINDOW_SETTINGS:
            value = self.params.get(name)
            if isinstance(value, tuple):
                found[name] = len(value)
        ranks = set(found.values())
        if len(ranks) > 1:
            words = ", ".join(f"{n} {r}" for n, r in found.items())
            raise NetError(self.head, "invarg", f"the settings disagree on the number of "
                           f"spatial dimensions ({words}).")
        rank = ranks.pop() if ranks else None
        if rank is not None and rank > self.MAX_RANK:
            raise NetError(self.head, "invarg", f"{self.head} works in 1, 2 or 3 spatial "
                           f"dimensions, not {rank}.")
        return rank

    def rank(self, x, y):
        """The number of spatial dimensions from the parameters or the port shapes."""
        rank = self.declared_rank()
        for shape in (x, y):
            if shape is None:
                continue
            if VARYING in shape:
                raise ShapeConflict(f"{self.head} cannot take {describe(shape)}; its "
                                    "spatial dimensions must be fixed.")
            if rank is None and 2 <= len(shape) <= self.MAX_RANK + 1:
                rank = len(shape) - 1
            if rank is None or len(shape) != rank + 1:
                want = "an array of rank 2, 3 or 4" if rank is None else \
                    f"an array of rank {rank + 1} (channels and {rank} spatial " \
                    f"dimension{'s' * (rank != 1)})"
                raise ShapeConflict(f"{self.head} needs {want}, not {describe(shape)}.")
        return rank

    # -- channels -------------------------------------------------------------------
    @property
    def interleaved(self) -> bool:
        return bool(self.params.get("Interleaving"))

    def split(self, shape, rank):
        """(channels, spatial sizes) of a port shape (None where unknown)."""
        if shape is None:
            return None, (None,) * rank
        return (shape[-1], shape[:-1]) if self.interleaved else (shape[0], shape[1:])

    def join(self, channels, spatial):
        return tuple(spatial) + (channels,) if self.interleaved else (channels,) + tuple(spatial)

    def channel_axis(self) -> int:
        return -1 if self.interleaved else 0

    # -- windows ----------------------------------------------------------------------
    def windows(self, rank, kernel):
        """(kernel, stride, dilation) as one value per dimension; NetError when a
        setting has another number of dimensions than the input."""
        padding = self.params["PaddingSize"]
        try:
            if isinstance(padding, tuple):
                per_dimension(padding, rank, "padding size")
            return tuple(per_dimension(v, rank, w) for v, w in
                         ((kernel, "kernel size"), (self.params["Stride"], "stride"),
                          (self.params.get("Dilation", 1), "dilation")))
        except ShapeConflict as e:
            raise NetError(self.head, "invarg", str(e)) from None

    def out_spatial(self, sizes, kernel):
        """The output's spatial sizes for known input sizes (None while unknown), or
        ShapeConflict when the window does not fit the input."""
        if kernel is None or None in sizes:
            return (None,) * len(sizes)
        k, s, d = self.windows(len(sizes), kernel)
        return geometry(sizes, k, s, d, self.params["PaddingSize"], "kernel")[1]

    def fit_spatial(self, sp_in, sp_out):
        """The output's spatial sizes: those the input's imply, unified with those known."""
        computed = self.out_spatial(sp_in, self.params["KernelSize"])
        try:
            return unify(tuple(sp_out), tuple(computed))
        except ShapeConflict:
            raise ShapeConflict(f"the output's spatial dimensions should be "
                                f"{list(computed)}, not {list(sp_out)}.") from None

    def plan_windows(self, kernel):
        """(kernel, stride, dilation, padding pairs, output sizes) of the fixed input."""
        _, spatial = self.split(self._ins["Input"], len(self._ins["Input"]) - 1)
        k, s, d = self.windows(len(spatial), kernel)
        pairs, outs = geometry(spatial, k, s, d, self.params["PaddingSize"], "kernel")
        return k, s, d, pairs, outs
