"""Graphics: the plots (ListPlot, ListLinePlot, ListLogPlot) and the Graphics value they
give, which the terminal shows as ``-Graphics-``, Export writes as PNG/SVG/PDF and a
notebook shows as a picture. The drawing itself is in ``wlnet.format.plots``."""
