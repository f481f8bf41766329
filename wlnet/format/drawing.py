"""Laying out and drawing a net ``Diagram`` (see ``netpicture``): grandalf places the boxes
in layers (Sugiyama's method: layers, fewer crossings, bends for wires that skip layers),
matplotlib draws them. Both are the optional ``plot`` extra; docs/decisions.md says why
these two.

Coordinates are points (1/72 inch) with y pointing up: the picture is exactly as large as
its contents, SVG text stays text (node names can be searched), PNG is drawn at twice
the resolution so that it stays sharp on modern screens.
"""

from __future__ import annotations

from dataclasses import dataclass

from .netpicture import PORT, Diagram

FONT, SMALL = 10.0, 8.0
PAD_X, PAD_Y, LINE = 9.0, 5.0, 13.0
LAYER_GAP_MIN, NODE_GAP, MARGIN = 56.0, 22.0, 12.0
FRAME_PAD, FRAME_TITLE, LOOP_DROP = 16.0, 18.0, 26.0
PNG_DPI = 144
COLORS = {
    "layer": ("#EDF2FA", "#5E81B5"), "container": ("#F6EEDF", "#C5902E"),
    "port": ("#F4F4F4", "#9A9A9A"), "wire": "#6F6F6F", "label": "#3C3C3C",
    "frame": ("#FAFAFA", "#B4B4B4"), "loop": "#C56E1A", "title": "#202020",
    "subtitle": "#5A5A5A",
}


@dataclass
class Box:
    x: float          # centre
    y: float
    w: float
    h: float

    @property
    def left(self):
        return self.x - self.w / 2

    @property
    def right(self):
        return self.x + self.w / 2

    @property
    def top(self):
        return self.y + self.h / 2

    @property
    def bottom(self):
        return self.y - self.h / 2


def figure(d: Diagram):
    """The diagram drawn on a matplotlib Figure (72 dpi: one unit is one point); raises
    ModuleNotFoundError when matplotlib or grandalf is missing."""
    from matplotlib.figure import Figure
    boxes, paths = layout(d)
    items = _decorations(d, boxes)
    x0, y0, x1, y1 = _extent(boxes, paths, items)
    width, height = x1 - x0 + 2 * MARGIN, y1 - y0 + 2 * MARGIN
    fig = Figure(figsize=(width / 72, height / 72), dpi=72)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(x0 - MARGIN, x1 + MARGIN)
    ax.set_ylim(y0 - MARGIN, y1 + MARGIN)
    ax.set_axis_off()
    _draw(ax, d, boxes, paths, items)
    return fig


# -- layout -----------------------------------------------------------------------------------

def text_width(text: str, size: float, bold: bool = False) -> float:
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextPath
    if not text:
        return 0.0
    props = FontProperties(size=size, weight="bold" if bold else "normal")
    return TextPath((0, 0), text, prop=props).get_extents().width


def _node_size(node) -> tuple[float, float]:
    w = max(text_width(node.title, FONT, bold=node.kind != PORT),
            text_width(node.subtitle, SMALL))
    return w + 2 * PAD_X, 2 * LINE + 2 * PAD_Y - 4


def layout(d: Diagram):
    """Boxes by node id and each wire's points, left to right in layers."""
    from grandalf.graphs import Edge, Graph, Vertex
    from grandalf.layouts import SugiyamaLayout

    class View:
        def __init__(self, w=0.0, h=0.0):
            self.w, self.h, self.xy = w, h, (0.0, 0.0)

        def setpath(self, points):
            self.points = points

    sizes = {n.id: _node_size(n) for n in d.nodes}
    vertices = {}
    for n in d.nodes:
        v = Vertex(n.id)
        w, h = sizes[n.id]
        v.view = View(w=h, h=w)            # grandalf lays out top-down: we turn it
        vertices[n.id] = v
    edges = []
    for wire in d.wires:
        e = Edge(vertices[wire.source], vertices[wire.target])
        e.view = View()
        edges.append(e)
    gap = max([LAYER_GAP_MIN] + [text_width(w.label, SMALL) + 26 for w in d.wires])
    graph = Graph(list(vertices.values()), edges)
    for component in graph.C:
        sugiyama = SugiyamaLayout(component)
        sugiyama.xspace, sugiyama.yspace = NODE_GAP, gap
        roots = [v for v in component.sV if not v.e_in()]
        sugiyama.init_all(roots=roots or None)
        sugiyama.draw(3)
    _stack_components(graph)
    boxes = {n.id: Box(vertices[n.id].view.xy[1], -vertices[n.id].view.xy[0], *sizes[n.id])
             for n in d.nodes}
    paths = []
    for wire, e in zip(d.wires, edges):
        points = [(y, -x) for x, y in getattr(e.view, "points", [])] or \
            [(boxes[wire.source].x, boxes[wire.source].y),
             (boxes[wire.target].x, boxes[wire.target].y)]
        source, target = boxes[wire.source], boxes[wire.target]
        points[0] = (source.right, source.y)
        points[-1] = (target.left, target.y)
        paths.append(points)
    return boxes, paths


def _stack_components(graph) -> None:
    """Put unconnected parts of a net one below the other instead of on top of each other."""
    offset = 0.0
    for component in graph.C:
        xs = [v.view.xy[0] - v.view.w / 2 for v in component.sV]
        shift = offset - min(xs)
        for v in component.sV:
            v.view.xy = (v.view.xy[0] + shift, v.view.xy[1])
        for e in component.sE:
            if hasattr(e.view, "points"):
                e.view.points = [(x + shift, y) for x, y in e.view.points]
        offset = max(v.view.xy[0] + v.view.w / 2 for v in component.sV) + 2 * NODE_GAP


# -- decorations of operators -------------------------------------------------------------------

def _decorations(d: Diagram, boxes):
    """For an operator: its frame, the outer port boxes with their wires, and the loops."""
    if d.frame is None:
        return {}
    inner = list(boxes.values())
    loops = [_loop_path(boxes, source, target, i) + (label,)
             for i, (source, target, label) in enumerate(d.loops)
             if source in boxes and target in boxes]
    levels = [points[1][1] for points, _ in loops]
    left = min(b.left for b in inner) - FRAME_PAD
    right = max(b.right for b in inner) + FRAME_PAD
    top = max([b.top for b in inner] + [y + 12 for y in levels]) + FRAME_PAD + FRAME_TITLE
    bottom = min([b.bottom for b in inner] + [y - 12 for y in levels]) - FRAME_PAD
    frame = Box((left + right) / 2, (top + bottom) / 2, right - left, top - bottom)
    outer, wires = [], []
    for node_id, name, shape, side in d.outer:
        inner_box = boxes[node_id]
        w = max(text_width(name, FONT), text_width(shape, SMALL)) + 2 * PAD_X
        h = inner_box.h
        gap = max(LAYER_GAP_MIN, text_width(shape, SMALL) + 26)
        if side == "in":
            box = Box(frame.left - gap - w / 2, inner_box.y, w, h)
            wires.append([(box.right, box.y), (inner_box.left, inner_box.y)])
        else:
            box = Box(frame.right + gap + w / 2, inner_box.y, w, h)
            wires.append([(inner_box.right, inner_box.y), (box.left, box.y)])
        outer.append((box, name, shape))
    _separate(outer)
    return {"frame": frame, "outer": outer, "outer_wires": wires, "loops": loops}


def _loop_path(boxes, source: str, target: str, i: int):
    """The loop from a step's output back to the next step's input: below the boxes, or
    above them when a box stands in the way below."""
    s, t = boxes[source], boxes[target]
    others = [b for key, b in boxes.items() if key not in (source, target)]

    def clear(end, below):
        return not any(b.left < end.x < b.right and
                       (b.top < end.bottom if below else b.bottom > end.top) for b in others)
    below = clear(s, True) and clear(t, True) or not (clear(s, False) and clear(t, False))
    if below:
        level = min(b.bottom for b in boxes.values()) - LOOP_DROP * (i + 1)
        return ([(s.x, s.bottom), (s.x, level), (t.x, level), (t.x, t.bottom)],)
    level = max(b.top for b in boxes.values()) + LOOP_DROP * (i + 1)
    return ([(s.x, s.top), (s.x, level), (t.x, level), (t.x, t.top)],)


def _separate(outer) -> None:
    """Outer ports fed from one inner port (a fold's Output and State) must not overlap."""
    placed = []
    for box, _, _ in outer:
        while any(abs(box.y - b.y) < box.h and abs(box.x - b.x) < box.w for b in placed):
            box.y -= box.h + 8
        placed.append(box)


def _extent(boxes, paths, items):
    xs, ys = [], []
    for b in list(boxes.values()) + [b for b, _, _ in items.get("outer", [])] + \
            ([items["frame"]] if "frame" in items else []):
        xs += [b.left, b.right]
        ys += [b.bottom, b.top]
    for p in paths:
        xs += [x for x, _ in p]
        ys += [y for _, y in p]
    return min(xs), min(ys), max(xs), max(ys)


# -- drawing --------------------------------------------------------------------------------------

def _draw(ax, d: Diagram, boxes, paths, items) -> None:
    from matplotlib.patches import FancyBboxPatch
    if "frame" in items:
        f = items["frame"]
        fill, edge = COLORS["frame"]
        ax.add_patch(FancyBboxPatch((f.left, f.bottom), f.w, f.h, linewidth=1.0,
                                    boxstyle="round,pad=0,rounding_size=8", facecolor=fill,
                                    edgecolor=edge, zorder=0))
        ax.text(f.left + 9, f.top - 7, d.frame, fontsize=9, fontweight="bold",
                color=COLORS["subtitle"], va="top", ha="left")
    for wire, points in zip(d.wires, paths):
        _wire(ax, points, wire.label, COLORS["wire"])
    for (box, name, shape), points in zip(items.get("outer", []), items.get("outer_wires", [])):
        if points[0][0] < box.x:                      # an output: the wire ends at the box
            points = [points[0], (box.left, box.y)]
        else:
            points = [(box.right, box.y), points[1]]
        _wire(ax, points, shape, COLORS["wire"])
        _box(ax, box, PORT, name, "")
    for points, label in items.get("loops", []):
        _loop(ax, points, label)
    for node in d.nodes:
        _box(ax, boxes[node.id], node.kind, node.title, node.subtitle)


def _box(ax, box: Box, kind: str, title: str, subtitle: str) -> None:
    from matplotlib.patches import FancyBboxPatch
    fill, edge = COLORS[kind]
    rounding = box.h / 2 if kind == PORT else 5
    ax.add_patch(FancyBboxPatch((box.left, box.bottom), box.w, box.h, linewidth=1.1,
                                boxstyle=f"round,pad=0,rounding_size={rounding}",
                                facecolor=fill, edgecolor=edge, zorder=3))
    weight = "normal" if kind == PORT else "bold"
    if subtitle:
        ax.text(box.x, box.y + LINE / 2 - 1, title, fontsize=FONT, fontweight=weight,
                color=COLORS["title"], ha="center", va="center", zorder=4)
        ax.text(box.x, box.y - LINE / 2 + 1, subtitle, fontsize=SMALL,
                color=COLORS["subtitle"], ha="center", va="center", zorder=4)
    else:
        ax.text(box.x, box.y, title, fontsize=FONT, fontweight=weight,
                color=COLORS["title"], ha="center", va="center", zorder=4)


def _wire(ax, points, label: str, color: str) -> None:
    """A wire through its points as smooth horizontal S-curves, an arrow at its end and
    its label on its first stretch."""
    from matplotlib.patches import FancyArrowPatch
    from matplotlib.path import Path
    vertices, codes = [points[0]], [Path.MOVETO]
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        bend = (x1 - x0) / 2
        vertices += [(x0 + bend, y0), (x1 - bend, y1), (x1, y1)]
        codes += [Path.CURVE4] * 3
    ax.add_patch(FancyArrowPatch(path=Path(vertices, codes), arrowstyle="-|>",
                                 mutation_scale=9, linewidth=1.1, color=color, zorder=1,
                                 shrinkA=0, shrinkB=0))
    if label:
        (x0, y0), (x1, y1) = points[0], points[1]
        ax.text((x0 + x1) / 2, (y0 + y1) / 2 + 2, label, fontsize=SMALL,
                color=COLORS["label"], ha="center", va="bottom", zorder=2,
                bbox={"boxstyle": "round,pad=0.15", "facecolor": "white",
                      "edgecolor": "none", "alpha": 0.85})


def _loop(ax, points, label: str) -> None:
    """A step's output fed back to the next step: down, back along the bottom, up."""
    from matplotlib.patches import FancyArrowPatch
    from matplotlib.path import Path
    codes = [Path.MOVETO] + [Path.LINETO] * (len(points) - 1)
    ax.add_patch(FancyArrowPatch(path=Path(points, codes), arrowstyle="-|>",
                                 mutation_scale=9, linewidth=1.2, linestyle=(0, (4, 2)),
                                 color=COLORS["loop"], zorder=1, shrinkA=0, shrinkB=0,
                                 connectionstyle=None))
    (_, level), (x1, _) = points[1], points[2]
    below = level < points[0][1]
    ax.text((points[0][0] + x1) / 2, level + (-3 if below else 3), label, fontsize=SMALL,
            color=COLORS["loop"], ha="center", va="top" if below else "bottom", zorder=2)


__all__ = ["figure", "layout", "text_width", "PNG_DPI"]
