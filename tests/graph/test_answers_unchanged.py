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

from graph.load import create_schema, group_records, load_batches, read_jsonl, reset
from kg.settings import Settings
from tests.graph.curated_answers import answers

ANSWERS = Path(__file__).resolve().parents[1] / "data" / "answers"
EXPECTED = ANSWERS / "seeds.json"
RECORDS = ANSWERS / "seeds.jsonl"


def test_every_curated_query_answers_as_before(driver: Driver, neo4j_settings: Settings) -> None:
    database = neo4j_settings.neo4j_database
    reset(driver, database)
    create_schema(driver, database)
    with RECORDS.open(encoding="utf-8") as fh:
        summary = load_batches(driver, database, list(group_records(read_jsonl(str(RECORDS), fh))))
    assert summary.documents == 2 and not summary.failed
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))
    got = answers(driver, neo4j_settings.neo4j_database)
    assert sorted(got) == sorted(expected)
    assert sum(map(len, got.values())) > 300  # the comparison covers most of the graph
    for key, rows in expected.items():
        assert got[key] == rows, key
