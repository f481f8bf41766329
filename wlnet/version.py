"""The version of wlnet: one place, read by the package, the wheel build (pyproject's
[tool.hatch.version]) and ``wlnet --version``."""

__version__ = "0.1.0"
