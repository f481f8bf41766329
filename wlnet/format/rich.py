"""What a notebook shows: a result as a MIME bundle, and NetTrain's live panel.

Every bundle has ``text/plain``, exactly the text the terminal shows after ``Out[n]=``;
richer views come on top of it: a picture (``image/svg+xml`` and ``image/png``) for
plots and nets, an HTML table for ``TableForm``, ``MatrixForm`` and ``Grid``, and LaTeX
for a matrix. A front end picks the richest it can show.
"""

from __future__ import annotations

import base64
import html
import math

from ..expr import Expr, Integer, Rational, Real, S, String, Symbol
from .outputform import output_form
from .pictures import picture, picture_files
from .session_text import form_text

TABLE_FORMS = ("TableForm", "MatrixForm")


def mime_bundle(output, page_width: int | None = 78) -> dict:
    """The MIME bundle of one Output that has a result."""
    value, form = output.result, output.form
    bundle = {"text/plain": form_text(value, form, page_width)}
    if form is None and picture(value) is not None:
        try:
            files = picture_files(value, ("svg", "png"))
            bundle["image/svg+xml"] = files["svg"].decode("utf-8")
            bundle["image/png"] = base64.b64encode(files["png"]).decode()
        except ModuleNotFoundError:
            pass                       # without the plot extra the text stays
    rows = _rows(value) if form in TABLE_FORMS else _grid_rows(value)
    if rows is not None:
        bundle["text/html"] = table_html(rows, matrix=form == "MatrixForm")
        if form == "MatrixForm":
            bundle["text/latex"] = matrix_latex(rows)
    return bundle


# -- tables ---------------------------------------------------------------------------------

def _is_list(e) -> bool:
    return isinstance(e, Expr) and e.head is S.List


def _rows(value):
    """A list as table rows: a matrix by rows, a vector as one column; else None."""
    if not _is_list(value) or not value.args:
        return None
    if all(_is_list(r) for r in value.args):
        return [list(r.args) for r in value.args]
    return [[e] for e in value.args]


def _grid_rows(value):
    """The rows of ``Grid[{{...}, ...}]`` (wlnet shows Grid but does not evaluate it)."""
    if isinstance(value, Expr) and value.head == Symbol("Grid") and value.args and \
            _is_list(value.args[0]) and value.args[0].args and \
            all(_is_list(r) for r in value.args[0].args):
        return _rows(value.args[0])
    return None


def _cell_text(e) -> str:
    return e.value if isinstance(e, String) else output_form(e, None)


def table_html(rows, matrix: bool = False) -> str:
    """Rows as an HTML table; a matrix between tall parentheses, as MatrixForm shows it."""
    cell = "padding:2px 10px;text-align:{};font-family:monospace;white-space:pre"
    body = "".join(
        "<tr>" + "".join(
            f'<td style="{cell.format("right" if _numeric(e) else "left")}">'
            f"{html.escape(_cell_text(e))}</td>" for e in row) + "</tr>" for row in rows)
    style = "border-collapse:collapse"
    if matrix:
        style += ";border-left:1.5px solid #444;border-right:1.5px solid #444;" \
                 "border-radius:8px"
    return f'<table style="{style}">{body}</table>'


def _numeric(e) -> bool:
    return isinstance(e, (Integer, Real, Rational))


def matrix_latex(rows) -> str:
    """Rows as a LaTeX matrix in parentheses."""
    def cell(e):
        text = _cell_text(e)
        return text if _numeric(e) and "\n" not in text else r"\text{" + \
            text.replace("\\", r"\backslash ").replace("{", r"\{").replace("}", r"\}") + "}"
    body = r" \\ ".join(" & ".join(cell(e) for e in row) for row in rows)
    return r"$$\left(\begin{array}{" + "c" * max(len(r) for r in rows) + "}" + body + \
        r"\end{array}\right)$$"


# -- NetTrain's live panel ------------------------------------------------------------------

CURVE_W, CURVE_H = 260, 56


def progress_bundle(report) -> dict:
    """The panel of a running (or finished) NetTrain: round, batch, losses, time and a
    small loss curve; its plain text is the terminal's status line or a summary."""
    if report.finished:
        title = "Training complete" if report.reason != "ManualStop" else "Training stopped"
        summary = f"{title}: {report.round} rounds, loss {_number(report.loss)}, " \
                  f"{report.elapsed:.1f} s"
    else:
        title, summary = "Training", report.text
    rows = [("round", f"{report.round} / {report.rounds}"),
            ("batch", f"{report.batch} / {report.batches_per_round}"),
            ("loss", _number(report.loss))]
    if report.validation_loss is not None:
        rows.append(("validation loss", _number(report.validation_loss)))
    rows += [("time", f"{report.elapsed:.1f} s" + (
        "" if report.finished else f", {report.remaining:.1f} s left"))]
    table = "".join(f'<tr><td style="color:#666;padding:0 12px 0 0">{k}</td>'
                    f'<td style="font-family:monospace">{html.escape(v)}</td></tr>'
                    for k, v in rows)
    bar = "" if report.finished else (
        f'<div style="width:{CURVE_W}px;height:6px;background:#e4e4e4;border-radius:3px">'
        f'<div style="width:{100 * report.fraction:.1f}%;height:6px;background:#5E81B5;'
        f'border-radius:3px"></div></div>')
    panel = (
        '<div style="display:inline-block;font-family:sans-serif;font-size:12px;'
        'border:1px solid #cfcfcf;border-radius:4px;padding:6px 10px;background:#fafafa">'
        f'<div style="font-weight:bold;margin-bottom:4px">{html.escape(title)}</div>{bar}'
        f'<div style="display:flex;gap:14px;align-items:center;margin-top:4px">'
        f"<table>{table}</table>{loss_curve_svg(report.losses)}</div></div>")
    return {"text/plain": summary, "text/html": panel}


def _number(x) -> str:
    return "-" if x is None or not math.isfinite(x) else f"{x:.4g}"


def loss_curve_svg(losses) -> str:
    """A small line of the batch losses (log scale when they span a factor of ten)."""
    values = [v for v in losses if math.isfinite(v)]
    if len(values) < 2:
        return ""
    log = min(values) > 0 and max(values) / min(values) > 10
    ys = [math.log10(v) for v in values] if log else values
    lo, hi = min(ys), max(ys)
    span = (hi - lo) or 1.0
    points = " ".join(
        f"{2 + i * (CURVE_W - 4) / (len(ys) - 1):.1f},"
        f"{2 + (hi - y) * (CURVE_H - 4) / span:.1f}" for i, y in enumerate(ys))
    return (f'<svg width="{CURVE_W}" height="{CURVE_H}" viewBox="0 0 {CURVE_W} {CURVE_H}" '
            f'xmlns="http://www.w3.org/2000/svg"><rect width="100%" height="100%" '
            f'fill="white" stroke="#e0e0e0"/><polyline fill="none" stroke="#5E81B5" '
            f'stroke-width="1.3" points="{points}"/></svg>')


__all__ = ["mime_bundle", "progress_bundle", "table_html", "matrix_latex", "loss_curve_svg"]
