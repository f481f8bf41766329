"""docs/language.md lists every builtin by topic (its subpackage of wlnet/builtins), so
the list cannot go stale: when a builtin is added, this test fails and prints the table
to paste in."""

from pathlib import Path

from wlnet.kernel.builtin import BUILTINS
from wlnet.kernel.session import Session

DOC = Path(__file__).resolve().parents[1] / "docs" / "language.md"
TOPICS = {
    "lists": "Lists", "structure": "Expression structure", "numbers": "Numbers and math",
    "strings": "Strings", "patterns": "Patterns and rules", "associations": "Associations",
    "control": "Control, scoping, session", "functional": "Functional programming",
    "io": "Files", "graphics": "Plots", "nets": "Nets and training",
}


def builtin_table() -> str:
    """The Markdown table of the builtins that have a rule of their own, by topic."""
    Session()
    by_topic: dict[str, list[str]] = {}
    for sym, b in BUILTINS.items():
        if b.function is None:
            continue
        topic = b.function.__module__.split(".")[2]
        by_topic.setdefault(topic, []).append(sym.name)
    assert set(by_topic) <= set(TOPICS), f"name the new topic(s) {set(by_topic) - set(TOPICS)}"
    rows = ["| Topic | Builtins |", "|---|---|"]
    for topic, title in TOPICS.items():
        names = sorted(by_topic.get(topic, []), key=str.casefold)
        if names:
            rows.append(f"| {title} | {', '.join(f'`{n}`' for n in names)} |")
    return "\n".join(rows)


def test_language_md_lists_every_builtin_by_topic():
    table = builtin_table()
    assert table in DOC.read_text(), \
        f"docs/language.md's table of builtins is out of date; it should read:\n\n{table}\n"
