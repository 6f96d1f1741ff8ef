"""Storing evidence as bounded samples with counts (issue 14) must not change what the
graph answers: every curated query, on the seeds, gives the rows it gave before (the
file was written by tests/graph/curated_answers.py on the code before that change)."""

from __future__ import annotations

import json
from pathlib import Path

from neo4j import Driver

from kg.settings import Settings
from tests.conftest import load_seeds
from tests.graph.curated_answers import answers

EXPECTED = Path(__file__).resolve().parents[1] / "data" / "answers" / "seeds.json"


def test_every_curated_query_answers_as_before(driver: Driver, neo4j_settings: Settings) -> None:
    load_seeds(driver, neo4j_settings)
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))
    got = answers(driver, neo4j_settings.neo4j_database)
    assert sorted(got) == sorted(expected)
    assert sum(map(len, got.values())) > 300  # the comparison covers most of the graph
    for key, rows in expected.items():
        assert got[key] == rows, key
