"""Numeric targets: 到2018年…销售收入超过530亿元 → metric, value, unit, year, comparator."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ingest.lexicon import Lexicon


@lru_cache(maxsize=4)
def _value_pattern(units: tuple[str, ...], comparators: tuple[str, ...]) -> re.Pattern[str]:
    """metric? comparator? value unit (以上|左右)?, from the lexicon's target word lists."""
    unit = "|".join(re.escape(u) for u in sorted(units, key=len, reverse=True))
    cmp_ = "|".join(re.escape(c) for c in sorted(comparators, key=len, reverse=True))
    return re.compile(
        rf"(?P<metric>[\u4e00-\u9fff]{{2,12}}?)?(?P<cmp>{cmp_})?(?P<value>\d+(?:\.\d+)?)"
        rf"(?P<unit>{unit})(?P<after>以上|左右)?"
    )


YEAR = re.compile(r"(?:到|至|预期到|力争到|预计到)?(\d{4})年")


@dataclass
class Target:
    metric: str
    value: float
    unit: str
    year: int | None
    comparator: str | None
    start: int
    end: int


def find_targets(text: str, lx: Lexicon) -> list[Target]:
    """Targets in one sentence: a value with a unit, governed by a metric word or a
    comparator, in a sentence that names a target year (到2018年 …)."""
    years = [(m.start(), int(m.group(1))) for m in YEAR.finditer(text)]
    if not years or not re.search(r"到|至|力争|预期|预计|目标", text):
        return []
    out: list[Target] = []
    metrics = lx.ordered["target_metrics"]
    pattern = _value_pattern(lx.ordered["target_units"], lx.ordered["target_comparators"])
    for m in pattern.finditer(text):
        head = m.group("metric") or ""
        metric = next((w for w in metrics if w in head), None)
        cmp_ = m.group("cmp") or m.group("after")
        if metric is None and cmp_ is None:
            continue
        if m.group("unit") in ("个", "家", "户", "项", "条", "人") and metric is None:
            metric = head[-6:] if head else None
        if metric is None:
            metric = head[-6:] if head else "规模"
        # The year: the last one stated before the value (or the first after it).
        before = [y for pos, y in years if pos < m.start("value")]
        year = before[-1] if before else years[0][1]
        if str(year) == m.group("value"):
            continue
        out.append(
            Target(metric, float(m.group("value")), m.group("unit"), year, cmp_, m.start(), m.end())
        )
    return out
