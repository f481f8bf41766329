"""The NumPy neural-net runtime: layers, containers, operators, initialisation,
path specs and compiled evaluation plans. Imports only numpy and the standard library."""
