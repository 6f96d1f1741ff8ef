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


def test_a_series_is_one_target_per_year() -> None:
    text = "2018-2020年，我省专用车产量逐年增加至6000辆、10000辆和15000辆。"
    found = find_targets(normalise(text).text, load_lexicon())
    assert [(t.value, t.year, t.series, t.series_size) for t in found] == [
        (6000.0, 2018, 1, 3),
        (10000.0, 2019, 2, 3),
        (15000.0, 2020, 3, 3),
    ]
    # without a stated span the years run up to the target year
    text = "到2020年，产量逐年增加至2万台、3万台和5万台。"
    assert [t.year for t in find_targets(normalise(text).text, load_lexicon())] == [
        2018,
        2019,
        2020,
    ]


def test_a_range_keeps_both_ends_and_its_object() -> None:
    found = find_targets("每年举办2至4场国际性赛事。", load_lexicon())
    assert [(t.low, t.value, t.unit, t.object, t.year) for t in found] == [
        (2.0, 4.0, "场", "国际性赛事", None)
    ]
    found = find_targets(
        "到2020年，培育出5至8家年产1000辆以上的专用车整车龙头企业。", load_lexicon()
    )
    assert [(t.low, t.value, t.object) for t in found] == [(5.0, 8.0, "专用车整车龙头企业")]


@pytest.mark.parametrize(
    ("text", "baselines"),
    [
        ("2017年全省产量约1.2万台，到2020年产量达到5万台。", [True, False]),
        ("我省现有企业近30户，2017年销售收入约5500万元。", [True]),
        ("到2020年，销售收入达到10亿元。", [False]),
    ],
)
def test_baselines_are_marked(text: str, baselines: list[bool]) -> None:
    found = find_targets(normalise(text).text, load_lexicon())
    assert [t.baseline for t in found] == baselines
