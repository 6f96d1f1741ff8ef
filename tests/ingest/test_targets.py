"""Numeric targets of a sentence (no database)."""

from __future__ import annotations

import pytest

from ingest.lexicon import load_lexicon
from ingest.read import normalise
from ingest.targets import find_targets


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "到2018年，全省石墨产业销售收入超过530亿元。",
            [("销售收入", 530.0, "亿元", 2018, "超过")],
        ),
        (
            "到2020年，农作物耕种收综合机械化率达到70%。",
            [("综合机械化率", 70.0, "%", 2020, "达到")],
        ),
        ("到2023年，全省新能源汽车产量达到10万辆。", [("产量", 10.0, "万辆", 2023, "达到")]),
        ("加快推进产业发展，提升创新能力。", []),  # no year, no target
    ],
)
def test_targets(text: str, expected: list[tuple[str, float, str, int, str]]) -> None:
    found = find_targets(normalise(text).text, load_lexicon())
    assert [(t.metric, t.value, t.unit, t.year, t.comparator) for t in found] == expected
