"""Industries named in running text, by the national vocabulary in data/industries.tsv.

Plan titles, cluster names and the tails of enterprise lists name industries too (see
documents.py, clusters.py, relations.py); this finds the rest: 新能源汽车, 人工智能产业,
and the items of a …等行业 list (钢铁、石化、建材等行业). A distinctive name counts alone; a
short one (钢铁, 化工) only with 产业/行业/制造业 after it or inside such a list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.lexicon import INDUSTRY_TAILS, Lexicon
from ingest.mention import Mention

#: The tail the list pattern ends in: a cheap test before the pattern itself.
LIST_TAIL = re.compile(r"等(?:重点|传统)?(?:行业|产业)")
INDUSTRY_LIST = re.compile(
    r"((?:[^、,;。:()“”]{1,10}、)+[^、,;。:()“”]{1,10})等(?:重点|传统)?(?:行业|产业)"
)


@dataclass(frozen=True)
class IndustryMention:
    start: int  # offsets in the working copy
    end: int
    surface: str
    name: str  # the vocabulary's name


def find_industries(
    lx: Lexicon, text: str, offset: int, names: list[Mention]
) -> list[IndustryMention]:
    """Industries of a sentence, outside the names found in it (石墨 in 石墨产业联盟 is
    part of the alliance's name, which says its industry in other ways)."""
    if not lx.industries:
        return []
    taken = [(m.start - offset, m.end - offset) for m in names]
    out: dict[tuple[int, int], IndustryMention] = {}

    def add(start: int, end: int, form: str) -> None:
        if any(a < end and start < b for a, b in taken):
            return
        out.setdefault(
            (start, end),
            IndustryMention(offset + start, offset + end, text[start:end], lx.industries[form]),
        )

    # Longest form first at each start, and no form inside a longer one (新能源汽车, not
    # 新能源 and 汽车 in it).
    reach = 0
    for start, end, form, _name in lx.industry_gazetteer.find(text):
        if start < reach:
            continue  # inside or across a longer form found first
        reach = end
        tail = next((t for t in INDUSTRY_TAILS if text.startswith(t, end)), "")
        if tail or form in lx.bare_industries:
            add(start, end + len(tail), form)
    # The list pattern backtracks: run it only where it can match.
    lists = INDUSTRY_LIST.finditer(text) if "、" in text and LIST_TAIL.search(text) else ()
    for m in lists:
        pos = m.start(1)
        for item in m.group(1).split("、"):
            if item in lx.industries:
                add(pos, pos + len(item), item)
            pos += len(item) + 1
    return sorted(out.values(), key=lambda i: i.start)
