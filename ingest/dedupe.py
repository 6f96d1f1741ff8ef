"""One mention per span: the step after the finders, before anything uses mentions."""

from __future__ import annotations

from ingest.kinds import PRIORITY, Label, Source
from ingest.mention import Mention

#: An organisation nested in one of these is part of that name (哈工大 in 哈工大机器人集团).
_NAMING_OUTER = frozenset(
    {Label.ENTERPRISE, Label.UNIVERSITY, Label.RESEARCH_INSTITUTE, Label.DEPARTMENT}
)


def resolve_overlaps(found: list[Mention]) -> list[Mention]:
    """Keep the strongest mention per span; drop ones nested inside a longer mention,
    except organisations named inside a project or platform name, and drop mentions
    that cross a kept one. Longer spans first; a body beats a place on the same span
    (苏州市 in 苏州市、泰州市政府); then the finder's priority."""
    ordered = sorted(
        found,
        key=lambda m: (
            m.start,
            -(m.end - m.start),
            m.label == Label.PLACE,
            PRIORITY.get(m.source, 9),
        ),
    )
    kept: list[Mention] = []
    # Mentions come by start: a kept one that ends before this one starts can neither
    # contain nor cross any later one, so only the still-open ones are compared (linear
    # on a long list of names, not quadratic).
    active: list[Mention] = []
    for m in ordered:
        active = [k for k in active if k.end > m.start]
        if m.label == Label.PLACE and any(k.start <= m.start and m.end <= k.end for k in active):
            continue
        if any(k.start == m.start and k.end == m.end for k in active):
            continue
        inside = [k for k in active if k.start <= m.start and m.end <= k.end]
        if inside and _absorbed(m, inside[-1]):
            continue
        if any(
            k.start < m.end and m.start < k.end and not (k.start <= m.start and m.end <= k.end)
            for k in active
        ):
            continue
        kept.append(m)
        active.append(m)
    return kept


def _absorbed(m: Mention, outer: Mention) -> bool:
    """Is `m`, nested in `outer`, just part of outer's name?"""
    if m.label == Label.PLATFORM and outer.label == Label.ENTERPRISE:
        return True  # 哈尔滨孵化器 inside 哈尔滨孵化器集团
    if outer.label in _NAMING_OUTER:
        return True
    if m.label == Label.DEPARTMENT and outer.label == Label.PLATFORM and m.start == outer.start:
        return outer.end - m.end <= 2  # 阿坝州大数据中心平台: the centre's name + 平台
    return (
        outer.label == m.label
        and outer.source in (Source.SUFFIX, Source.PROJECT_SUFFIX)
        and m.source not in (Source.GAZETTEER, Source.DEFINED_ALIAS)
    )
