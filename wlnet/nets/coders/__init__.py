"""NetEncoder and NetDecoder definitions (``base.Coder``), one module per family;
importing the package registers them all. Nets hold them on their ports
(``Net.port_coders``); the bridge converts Wolfram values to what they take."""
from .base import (DECODERS, ENCODERS, Coder, CoderError, Decoder, Encoder,  # noqa: F401
                   coder_class)
from . import classes, simple, text  # noqa: F401
