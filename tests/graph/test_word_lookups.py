"""Queries that match words (a topic, an industry) find their start nodes through the
full-text index when the words are two or more ideographs, and read every node
otherwise. Both ways must give the same answers: here each query runs once as written and
once with its full-text guard forced off (the reading of every node, the reference), on
the seeds, for topics that are names, parts of names and plain words."""

from __future__ import annotations

import json
import re
from dataclasses import replace

import pytest
from neo4j import Driver

from kg.settings import Settings
from queries.registry import catalogue, run
from tests.graph.curated_answers import load_frozen_seeds

#: The guard that sends two or more ideographs to the full-text index.
GUARD = re.compile(
    r"size\(\$(\w+)\) >= 2 AND all\(ch IN split\(\$\1, ''\) WHERE '一' <= ch <= '鿿'\)"
)
WORDS = ["石墨", "机器人", "食品", "新材料", "哈尔滨", "产业", "石墨烯", "科技", "绿色食品产业"]
QUERIES = {"lead-departments": "topic", "compare": "industry", "targets": "industry"}


@pytest.fixture(scope="module")
def seeds_graph(driver: Driver, neo4j_settings: Settings) -> str:
    database = neo4j_settings.neo4j_database
    load_frozen_seeds(driver, database)
    return database


def _rows(
    driver: Driver, database: str, name: str, param: str, words: str, scan: bool
) -> list[str]:
    query = catalogue()[name]
    if scan:
        assert GUARD.search(query.cypher), f"{name} has no full-text guard"
        query = replace(query, cypher=GUARD.sub("false", query.cypher))
    _shown, rows = run(driver, database, query, {param: words}, limit=1000, timeout=60.0)
    return sorted(json.dumps(r, ensure_ascii=False, sort_keys=True, default=str) for r in rows)


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_full_text_start_gives_the_rows_of_reading_every_node(
    driver: Driver, seeds_graph: str, name: str
) -> None:
    param = QUERIES[name]
    found = 0
    for words in WORDS:
        indexed = _rows(driver, seeds_graph, name, param, words, scan=False)
        assert indexed == _rows(driver, seeds_graph, name, param, words, scan=True), words
        found += len(indexed)
    assert found > 0  # the words do find something on the seeds


def test_one_character_and_latin_topics_are_read_against_every_task(
    driver: Driver, seeds_graph: str
) -> None:
    # 墨 is inside every 石墨: its rows include all of 石墨's (the full-text index, built
    # on character pairs, would not find a single character inside a word).
    one = _rows(driver, seeds_graph, "lead-departments", "topic", "墨", scan=False)
    two = _rows(driver, seeds_graph, "lead-departments", "topic", "石墨", scan=False)
    assert two and set(two) <= set(one)
    latin = _rows(driver, seeds_graph, "lead-departments", "topic", "5G", scan=False)
    assert latin == _rows(driver, seeds_graph, "lead-departments", "topic", "5G", scan=True)
