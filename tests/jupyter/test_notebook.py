"""examples/seed.ipynb run as Jupyter runs it (nbclient, the installed wlnet kernel), with
its outputs checked: the pictures of the graph and of the fold name their nodes, the loss
plot is a PNG of the plot size, each NetTrain left a finished panel, and the answer trains
l2 but not l3."""

import base64
import re
import struct
from pathlib import Path

import pytest

NOTEBOOK = Path(__file__).resolve().parents[2] / "examples" / "seed.ipynb"


@pytest.fixture(scope="module")
def executed(kernel_env, tmp_path_factory):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    workdir = tmp_path_factory.mktemp("notebook")
    nbclient.NotebookClient(nb, timeout=300, kernel_name="wlnet",
                            resources={"metadata": {"path": str(workdir)}}).execute()
    return [cell for cell in nb.cells if cell.cell_type == "code"]


def cell_with(cells, text):
    [cell] = [c for c in cells if text in c.source]
    return cell


def results(cell):
    return [o for o in cell.outputs if o.output_type == "execute_result"]


def svg_texts(svg: str) -> list[str]:
    return re.findall(r"<text[^>]*>([^<]*)</text>", svg)


def test_every_cell_ran_without_an_error(executed):
    assert all(o.output_type != "error" for c in executed for o in c.outputs)
    numbers = [o.execution_count for c in executed for o in results(c)]
    assert numbers == sorted(numbers) and len(set(numbers)) == len(numbers)


def test_the_graph_and_the_fold_are_pictures_with_their_node_names(executed):
    [core] = results(cell_with(executed, "core = NetGraph"))
    assert core.data["text/plain"].startswith("NetGraph[<3 nodes, 5 edges")
    assert {"l1", "l2", "l3", "TotalLayer", "State"} <= set(svg_texts(core.data["image/svg+xml"]))
    [fold] = results(cell_with(executed, "fold = NetInitialize"))
    names = svg_texts(fold.data["image/svg+xml"])
    assert {"NetFoldOperator", "l1", "l2", "l3", "{n, 2}", "State: 2, next step"} <= set(names)
    assert base64.b64decode(fold.data["image/png"]).startswith(b"\x89PNG")


def test_the_arrays_are_an_html_table(executed):
    [table] = results(cell_with(executed, "TableForm[Keys"))
    assert table.data["text/html"].count("<tr>") == 3


def test_the_question_and_the_answer(executed):
    first = cell_with(executed, "{_ -> 0.1, 3 -> 0}")
    stderr = "".join(o.text for o in first.outputs if o.output_type == "stream")
    assert "NetTrain::lrmshadow" in stderr and "NetTrain::lrmopnet" in stderr
    [answer] = results(cell_with(executed, "results = NetTrain"))
    assert answer.data["text/plain"] == "{{Net, l2, Biases}, {Net, l2, Weights}}"


def test_each_nettrain_left_a_finished_panel(executed):
    panels = [o for o in cell_with(executed, "results = NetTrain").outputs
              if o.output_type == "display_data"]
    assert len(panels) == 1
    assert panels[0].data["text/plain"].startswith("Training complete: 300 rounds")


def test_the_loss_plot_is_a_png_of_the_plot_size(executed):
    [plot] = results(cell_with(executed, 'results["LossPlot"]'))
    assert plot.data["text/plain"] == "-Graphics-"
    png = base64.b64decode(plot.data["image/png"])
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", png[16:24]) == (480, 297)
    assert {"round", "loss"} <= set(svg_texts(plot.data["image/svg+xml"]))
