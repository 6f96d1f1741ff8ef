"""Storing evidence as bounded samples with counts (issue 14) must not change what the
graph answers: every curated query, on the seeds, gives the rows it gave before (the
file was written by tests/graph/curated_answers.py on the code before that change).

The graph is loaded from the seeds' records as extracted then (seeds.jsonl), not from a
fresh extraction: this test is about storing and querying; better extraction changes the
answers on purpose and is measured by `kg eval`."""

from __future__ import annotations

import json
from pathlib import Path

from neo4j import Driver

from kg.settings import Settings
from tests.graph.curated_answers import answers, load_frozen_seeds

ANSWERS = Path(__file__).resolve().parents[1] / "data" / "answers"
EXPECTED = ANSWERS / "seeds.json"


def test_every_curated_query_answers_as_before(driver: Driver, neo4j_settings: Settings) -> None:
    database = neo4j_settings.neo4j_database
    load_frozen_seeds(driver, database)
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))
    got = answers(driver, neo4j_settings.neo4j_database)
    assert sorted(got) == sorted(expected)
    assert sum(map(len, got.values())) > 300  # the comparison covers most of the graph
    for key, rows in expected.items():
        assert got[key] == rows, key
