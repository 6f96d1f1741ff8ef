"""Resolution: which province and city a document's bare 省/市 name, run-wide
（以下简称X） definitions, places inside names, and short forms merged into full names."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.document_graph import DocumentGraph
from ingest.kinds import Label, Rel, node_id
from ingest.lexicon import Lexicon
from ingest.mentions import MentionContext, find_mentions
from ingest.read import SourceText, normalise
from ingest.records import Evidence
from ingest.structure import Structure

DEFINITION = re.compile(r"\((?:以下)?简称[“\"]?([^()“”\"]{2,20})[”\"]?\)")

#: A run's definitions: short form -> (canonical name, label).
Definitions = dict[str, tuple[str, Label]]


@dataclass(frozen=True)
class Jurisdiction:
    """Whose bodies bare prefixes name: 省 the province, 市 the city (the municipality in
    北京市's documents, the county-level city in its own), 县/区 the county or district,
    州/盟 the prefecture; `central` for the State Council's and ministries' documents,
    where bare stems (发展改革委) name national bodies."""

    province: str | None = None
    city: str | None = None
    county: str | None = None
    central: bool = False


def _title_candidates(st: Structure) -> list[str]:
    """Where a document names its own jurisdiction: its issuers, its title, its plans,
    the titles it publishes."""
    out = [t for _s, _e, t in st.header.issuers]
    if st.header.title:
        out.append(st.header.title[2])
    return out + [p.title for p in st.plans] + [p[2] for p in st.header.published]


def place_chain(text: str, lx: Lexicon) -> list[str]:
    """The places a name starts with, outermost first (北京市大兴区人民政府 → 北京市,
    大兴区; 中共柳河县委 → 柳河县)."""
    rest = text.removeprefix("中共")
    chain: list[str] = []
    while rest:
        city = next((c for c in reversed(chain) if lx.places[c].level != "province"), None)
        province = next((c for c in chain if lx.places[c].level == "province"), None)
        hit = next(
            (
                (n, canon)
                for n in range(min(12, len(rest)), 1, -1)
                if (canon := lx.resolve_place(rest[:n], city, province)) is not None
                and lx.places[canon].level != "country"
            ),
            None,
        )
        if hit is None:
            break
        chain.append(hit[1])
        rest = rest[hit[0] :].lstrip("-")
    return chain


def _ancestors(place: str, lx: Lexicon) -> list[str]:
    out: list[str] = []
    seen: set[str] = set()
    while place and place not in seen and place in lx.places:
        seen.add(place)
        out.append(place)
        place = lx.places[place].parent or ""
    return out


def jurisdiction(st: Structure, lx: Lexicon) -> Jurisdiction:
    """From the first of the issuers, the title and the plan titles that starts with a
    place; a document of the State Council or a ministry is central."""
    for text in _title_candidates(st):
        chain = place_chain(text, lx)
        if not chain:
            continue
        levels: dict[str, str] = {}
        for place in _ancestors(chain[-1], lx):
            level = lx.places[place].level
            key = "county" if level in ("county", "district", "new_area") else level
            levels.setdefault(key, place)
        province = levels.get("province")
        city = levels.get("city")
        if city is None and province and province.endswith("市"):
            city = province  # a municipality: its bare 市 is itself
        return Jurisdiction(province, city, levels.get("county"))
    issuers = [t for _s, _e, t in st.header.issuers]
    title = st.header.title[2] if st.header.title else ""
    central_words = lx.ordered["central_issuers"]
    central = any(t.startswith(central_words) for t in issuers) or title.startswith(central_words)
    return Jurisdiction(central=central)


#: Longer than any name the genre defines a short form for (…股份有限公司（以下简称…）).
DEFINED_REACH = 80


def definitions(src: SourceText, lx: Lexicon) -> Definitions:
    """（以下简称X） definitions: X → (canonical name, label) of the name before it.

    Only the lines that contain 简称 (簡稱 in traditional script) are read, each
    normalised on its own (no structure parse, no pass over the whole text): this pass
    runs over every document of a run before extraction starts.
    """
    lines = [line for line in src.text.splitlines() if "简称" in line or "簡稱" in line]
    if not lines:
        return {}
    head = normalise(src.text[:400]).text
    province = next((c for c, p in lx.places.items() if p.level == "province" and c in head), None)
    ctx = MentionContext(lx, province)
    found: Definitions = {}
    for line in lines:
        text = normalise(line).text
        for m in DEFINITION.finditer(text):
            # The name defined ends right before （以下简称…）: its clause, and no more than
            # DEFINED_REACH characters of it (a long unpunctuated line stays linear).
            reach = max(0, m.start() - DEFINED_REACH)
            start = max(reach, max(text.rfind(c, reach, m.start()) for c in "。;") + 1)
            mentions = find_mentions(ctx, text[start : m.start()], start)
            before = [x for x in mentions if x.end == m.start() and x.label != Label.PLACE]
            if before:
                found[m.group(1)] = (before[0].name, before[0].label)
    return found


def place_node(graph: DocumentGraph, lx: Lexicon, place: str, evidence: Evidence | None) -> str:
    """A Place node, with PART_OF up to its province and country (from the gazetteer)."""
    info = lx.places.get(place)
    key = graph.node(Label.PLACE, place, evidence, level=info.level if info else None)
    child = place
    while child in lx.places and lx.places[child].parent:
        parent = lx.places[child].parent
        assert parent is not None
        if parent not in lx.places:
            break
        pkey = graph.node(Label.PLACE, parent, None, level=lx.places[parent].level)
        graph.rel(Rel.PART_OF, node_id(Label.PLACE, child), pkey)
        child = parent
    return key


def places_in(lx: Lexicon, name: str) -> list[str]:
    """The most specific place a name starts with (哈尔滨工业大学 → 哈尔滨市)."""
    for n in range(min(8, len(name) - 1), 1, -1):
        canon = lx.place_alias.get(name[:n])
        if canon:
            rest = name[n:]
            for k in range(min(8, len(rest)), 1, -1):
                inner = lx.place_alias.get(rest[:k])
                info = lx.places.get(inner) if inner else None
                if inner and info is not None and info.parent == canon:
                    return [inner]
            return [canon]
    return []


def strip_place(lx: Lexicon, name: str) -> str:
    for n in range(min(8, len(name) - 1), 1, -1):
        if name[:n] in lx.place_alias:
            return name[n:]
    return name


def merge_short_forms(graph: DocumentGraph, lx: Lexicon) -> None:
    """蓝谷食品 (a brand in a 重点企业 list) and 黑龙江蓝谷食品有限公司 in the same
    document are one enterprise: merge a short name into the one full legal name
    that extends it (after any leading place)."""
    legal = lx.ordered["legal_suffixes"]
    enterprises = [k for k, _e in graph.entities(Label.ENTERPRISE)]
    full: dict[str, tuple[str, str]] = {}
    for k in enterprises:
        ent = graph.get(k)
        if ent is not None and ent.name.endswith(legal):
            full[k] = (ent.name, strip_place(lx, ent.name))
    for key in enterprises:
        ent = graph.get(key)
        if key in full or ent is None:
            continue
        short = ent.name
        core = strip_place(lx, short)
        if len(core) < 2:
            continue
        targets = [
            f
            for f, (name, stripped) in full.items()
            if f in graph and (name.startswith(short) or stripped.startswith(core))
        ]
        if len(targets) == 1:
            graph.merge(key, targets[0])
