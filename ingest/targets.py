"""Numeric targets: 到2018年…销售收入超过530亿元 → metric, value, unit, year, comparator."""

from __future__ import annotations

import re
from dataclasses import dataclass

UNITS = (
    "亿美元",
    "万美元",
    "亿元",
    "万元",
    "元",
    "万吨",
    "吨",
    "万辆",
    "辆",
    "万千瓦",
    "千瓦",
    "兆瓦",
    "万亩",
    "亩",
    "万人",
    "人",
    "家",
    "个",
    "户",
    "项",
    "条",
    "张",
    "万张",
    "%",
    "倍",
)
COMPARATORS = (
    "超过",
    "突破",
    "达到",
    "实现",
    "力争达到",
    "增加至",
    "增加到",
    "提升至",
    "提升到",
    "提高至",
    "提高到",
    "增长",
    "不低于",
    "不少于",
    "约",
    "达",
    "占到",
    "以上",
    "左右",
)
METRICS = (
    "主营业务收入",
    "销售收入",
    "营业收入",
    "总产值",
    "产值规模",
    "产业规模",
    "产值",
    "产量",
    "工业增加值",
    "增加值",
    "出口总量",
    "出口额",
    "配套率",
    "投资",
    "利润",
    "税收",
    "规模",
    "收入",
    "总量",
    "能力",
    "数量",
)
_UNIT = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))
_CMP = "|".join(re.escape(c) for c in sorted(COMPARATORS, key=len, reverse=True))
VALUE = re.compile(
    rf"(?P<metric>[\u4e00-\u9fff]{{2,12}}?)?(?P<cmp>{_CMP})?(?P<value>\d+(?:\.\d+)?)"
    rf"(?P<unit>{_UNIT})(?P<after>以上|左右)?"
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


def find_targets(text: str) -> list[Target]:
    """Targets in one sentence: a value with a unit, governed by a metric word or a
    comparator, in a sentence that names a target year (到2018年 …)."""
    years = [(m.start(), int(m.group(1))) for m in YEAR.finditer(text)]
    if not years or not re.search(r"到|至|力争|预期|预计|目标", text):
        return []
    out: list[Target] = []
    for m in VALUE.finditer(text):
        head = m.group("metric") or ""
        metric = next((w for w in METRICS if w in head), None)
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
