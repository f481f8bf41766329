"""Every golden transcript under transcripts/ replays exactly (see wlnet.transcript)."""

from pathlib import Path

import pytest

from wlnet.transcript import check, transcripts

ROOT = Path(__file__).resolve().parent.parent / "transcripts"
FILES = transcripts([ROOT])


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(ROOT)) for p in FILES])
def test_transcript(path):
    result = check(path)
    assert result.passed, result.first_difference()
