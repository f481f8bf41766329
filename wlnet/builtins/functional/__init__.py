"""Functional programming: applying functions to expressions (Map, Apply, Scan,
MapThread, Thread) and functional iteration (Fold, Nest, FixedPoint, ...)."""
