"""Associations: construction, lookup with ``assoc[key]`` and the key/value functions."""
