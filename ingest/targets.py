"""Numeric targets: 到2018年…销售收入超过530亿元 → metric, value, unit, year, comparator.

Three shapes of the genre besides a single value:
- a series, one value per year (到2020年，产量逐年增加至2万台、3万台和5万台: 2018, 2019, 2020);
- a range with its object (每年举办2至4场国际性赛事: 2 to 4, of 国际性赛事);
- a baseline, the state a target starts from (2017年全省产量约1.2万台；到2020年…), kept
  with `baseline=True` so that queries never return it as a target.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from ingest.lexicon import Lexicon

NUMBER = r"\d+(?:\.\d+)?"
#: Count units whose object follows the value (2至4场国际性赛事): the object names the metric.
COUNTED = ("个", "家", "户", "项", "条", "人", "场", "次", "届", "台", "套", "座", "所", "张")


@lru_cache(maxsize=4)
def _value_pattern(units: tuple[str, ...], comparators: tuple[str, ...]) -> re.Pattern[str]:
    """metric? comparator? (low 至)? value unit (以上|左右)?, from the lexicon's word lists."""
    unit = "|".join(re.escape(u) for u in sorted(units, key=len, reverse=True))
    cmp_ = "|".join(re.escape(c) for c in sorted(comparators, key=len, reverse=True))
    return re.compile(
        rf"(?P<metric>[\u4e00-\u9fff]{{2,12}}?)?(?P<cmp>{cmp_})?"
        rf"(?:(?P<low>{NUMBER})(?:至|到|-|~))?(?P<value>{NUMBER})"
        rf"(?P<unit>{unit})(?P<after>以上|左右)?"
    )


#: A year; the words before it say whether it is a target year (到2020年) or not.
YEAR = re.compile(r"(?P<to>到|至|预期到|力争到|预计到|力争)?(?P<year>\d{4})年")
#: A span of years (2018-2020年, 2018年至2020年): a series starts at its first year.
YEAR_SPAN = re.compile(r"(\d{4})年?(?:-|至|到|~)(\d{4})年")
TARGET_CUE = re.compile(r"到|至|力争|预期|预计|目标")
#: Words that state the present, not a goal (截至2017年底, 目前, 现有).
BASELINE_CUE = re.compile(r"截至|截止|目前|现有|已有|已达|已经|现状")
#: Words that make a value a yearly one (每年举办2至4场).
YEARLY = re.compile(r"每年|年均")
#: The words after a counted value (国际性赛事 in 2至4场国际性赛事).
OBJECT_WORDS = re.compile(r"[\u4e00-\u9fff\d.%]{2,30}")
#: Words that make consecutive values one per year (逐年, 分别).
SERIES_CUE = re.compile(r"逐年|分别|依次|逐步")


@dataclass
class Target:
    metric: str
    value: float
    unit: str
    year: int | None
    comparator: str | None
    start: int
    end: int
    low: float | None = None  # the lower bound of a range (2至4场)
    baseline: bool = False  # the present state a target starts from, not a goal
    series: int | None = None  # position in a series of yearly values (1, 2, 3)
    series_size: int | None = None
    object: str | None = None  # what is counted (场 → 国际性赛事)


def find_targets(text: str, lx: Lexicon) -> list[Target]:
    """Targets in one sentence: a value with a unit, governed by a metric word or a
    comparator, in a sentence that names a year. A value whose year is not a target year
    while a later one is (2017年…1.2万台；到2020年…), or in a sentence that states the
    present (截至, 目前), is a baseline."""
    if "年" not in text:
        return []  # every target names a year (2025年) or a yearly rate (每年, 年均)
    years = [(m.start(), int(m.group("year")), bool(m.group("to"))) for m in YEAR.finditer(text)]
    positions = [p for p, _y, _to in years]
    spans = {int(m.group(2)): int(m.group(1)) for m in YEAR_SPAN.finditer(text)}
    yearly = bool(YEARLY.search(text))  # 每年举办2至4场: a yearly range needs no year
    if not years and not yearly:
        return []
    cue = bool(TARGET_CUE.search(text)) or yearly
    present = bool(BASELINE_CUE.search(text))
    if not cue and not present:
        return []
    series_cue = bool(SERIES_CUE.search(text))
    out: list[Target] = []
    metrics = lx.ordered["target_metrics"]
    units = lx.ordered["target_units"]
    pattern = _value_pattern(units, lx.ordered["target_comparators"])
    pos = 0
    while (m := pattern.search(text, pos)) is not None:
        pos = m.end()
        head = m.group("metric") or ""
        metric = next((w for w in metrics if w in head), None)
        cmp_ = m.group("cmp") or m.group("after")
        if metric is None and cmp_ is None and m.group("low") is None:
            continue
        unit = m.group("unit")
        counted = unit.endswith(COUNTED)  # 个, 万个, 场 …: what follows says what is counted
        obj, counted_end = _object(text, m.end()) if counted else (None, m.end())
        pos = max(pos, counted_end)  # 年产1000辆 inside the object is no target of its own
        if metric is None:
            metric = obj or _metric_words(lx, head) or "规模"
        if not years:
            if m.group("low") is None:
                continue  # without a year only a yearly range (每年2至4场) is a goal
            years, positions = [(0, 0, True)], [0]
        at = bisect_left(positions, m.start("value"))  # years before the value: years[:at]
        _p, year, to = years[at - 1] if at else years[0]
        if str(year) == m.group("value"):
            continue
        later_goal = any(to2 and y2 > year for _p2, y2, to2 in years[at : at + 4])
        baseline = (not to and later_goal) or (present and not to and not later_goal)
        values = [(m.start(), m.end(), float(m.group("value")))]
        if not baseline and series_cue:
            values += _series(text, m.end(), unit)
            pos = max(pos, values[-1][1])
        low = float(m.group("low")) if m.group("low") else None
        size = len(values) if len(values) > 1 else None
        first_year = spans.get(year, year - len(values) + 1)
        for i, (a, b, value) in enumerate(values):
            out.append(
                Target(
                    metric,
                    value,
                    unit,
                    (first_year + i if size else year) or None,
                    cmp_,
                    a if i else m.start(),
                    b,
                    low=low if i == 0 else None,
                    baseline=baseline,
                    series=i + 1 if size else None,
                    series_size=size,
                    object=obj,
                )
            )
    return out


def _metric_words(lx: Lexicon, head: str) -> str | None:
    """The words just before a value that say what it measures, as whole jieba words after
    the last verb (累计建成充电桩 → 充电桩; 电动自行车补贴 stays whole), at most 8 characters."""
    words: list[str] = []
    for tok in reversed(lx.cut(head)):
        tag = lx.tags.get(tok, "")
        # 率, 量 (jieba: verbs) end a metric; a verb or function word before it ends it
        outside = (
            tag.startswith(("p", "c", "u", "r"))
            or (tag == "v" and (len(tok) >= 2 or bool(words)))
            or (len(tok) >= 2 and tag.startswith(("d", "m")))
        )
        if not "\u4e00" <= tok[0] <= "\u9fff":
            if words:
                break
            continue
        if outside and len("".join(words)) >= 2:
            break  # (a verb before a one-character noun is part of it: 充电桩, 加氢站)
        if outside and not words:
            continue
        if len("".join(words)) + len(tok) > 8:
            break
        words.insert(0, tok)
    metric = "".join(words)
    return metric if len(metric) >= 2 else None


def _series(text: str, end: int, unit: str) -> list[tuple[int, int, float]]:
    """Values that continue a first one in the same unit (2万台、3万台和5万台), in a
    sentence that says they are one per year (the caller checks SERIES_CUE)."""
    out: list[tuple[int, int, float]] = []
    step = re.compile(rf"(?:、|,|和|及|与)({NUMBER}){re.escape(unit)}")
    while (m := step.match(text, end)) is not None:
        out.append((m.start(1), m.end(), float(m.group(1))))
        end = m.end()
    return out


def _object(text: str, end: int) -> tuple[str | None, int]:
    """What a count counts, and where its words end: the words after the unit, past their
    qualifier (2至4场国际性赛事 → 国际性赛事; 5至8家年产1000辆以上的专用车整车龙头企业 →
    专用车整车龙头企业)."""
    m = OBJECT_WORDS.match(text, end)  # (not text[end:]: a copy of the rest per value)
    if m is None:
        return None, end
    words = re.split(r"的|以上|左右", m.group(0))[-1]
    words = re.split(r"等", words)[0]
    if len(words) >= 2 and not words[0].isdigit():
        return words, m.end()
    return None, end
