"""Gazetteers: the reviewed TSV data under seeds/dictionaries, loaded once per process.

Two consumers: jieba (user words, so segmentation keeps names whole) and an Aho-Corasick
automaton (for exact matches, including names with punctuation, which jieba would split
before looking them up).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import ahocorasick
import jieba
import jieba.posseg

DEFAULT_DIR = Path(__file__).resolve().parents[1] / "seeds" / "dictionaries"


@dataclass(frozen=True)
class Place:
    name: str
    level: str
    parent: str | None


@dataclass
class Gazetteer:
    places: dict[str, Place] = field(default_factory=dict)
    place_alias: dict[str, str] = field(default_factory=dict)  # surface -> canonical
    stems: dict[str, str] = field(default_factory=dict)  # short or full stem -> full stem
    departments: dict[str, str] = field(default_factory=dict)  # surface -> canonical
    organizations: dict[str, tuple[str, str]] = field(default_factory=dict)  # -> (name, label)
    suffixes: list[tuple[str, str]] = field(default_factory=list)  # longest first
    triggers: dict[str, str] = field(default_factory=dict)
    automaton: ahocorasick.Automaton = None
    known_aliases: dict[str, set[str]] = field(default_factory=dict)  # canonical -> forms
    tags: dict[str, str] = field(default_factory=dict)  # jieba's word -> POS tag
    vocabulary: frozenset[str] = frozenset()

    def province_of(self, place: str) -> str | None:
        seen = set()
        while place and place not in seen:
            seen.add(place)
            info = self.places.get(place)
            if info is None:
                return None
            if info.level == "province":
                return info.name
            place = info.parent or ""
        return None


def _rows(path: Path) -> list[list[str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rows.append([c.strip() for c in line.split("\t")])
    return rows


def _aliases(cell: str) -> list[str]:
    return [a for a in (x.strip() for x in cell.split("|")) if a]


def load(directory: Path = DEFAULT_DIR) -> Gazetteer:
    g = Gazetteer()
    for row in _rows(directory / "places.tsv"):
        name, level = row[0], row[1]
        parent = row[2] if len(row) > 2 and row[2] else None
        g.places[name] = Place(name, level, parent)
        g.place_alias[name] = name
        for alias in _aliases(row[3]) if len(row) > 3 else []:
            g.place_alias.setdefault(alias, name)
    for row in _rows(directory / "department_stems.tsv"):
        full = row[0]
        g.stems[full] = full
        for short in _aliases(row[1]) if len(row) > 1 else []:
            g.stems.setdefault(short, full)
    for row in _rows(directory / "departments.tsv"):
        g.departments[row[0]] = row[0]
        for alias in _aliases(row[1]) if len(row) > 1 else []:
            g.departments[alias] = row[0]
    for row in _rows(directory / "organizations.tsv"):
        g.organizations[row[0]] = (row[0], row[1])
        for alias in _aliases(row[2]) if len(row) > 2 else []:
            g.organizations[alias] = (row[0], row[1])
    for table in (g.departments, {k: v[0] for k, v in g.organizations.items()}):
        for surface, canonical in table.items():
            if surface != canonical:
                g.known_aliases.setdefault(canonical, set()).add(surface)
    g.suffixes = sorted(
        ((r[0], r[1]) for r in _rows(directory / "org_suffixes.tsv")), key=lambda s: -len(s[0])
    )
    g.triggers = {r[0]: r[1] for r in _rows(directory / "triggers.tsv")}

    auto = ahocorasick.Automaton()
    entries: dict[str, list[tuple[str, str]]] = {}
    for surface, canonical in g.place_alias.items():
        entries.setdefault(surface, []).append(("place", canonical))
    for surface in g.stems:
        entries.setdefault(surface, []).append(("stem", g.stems[surface]))
    for surface, canonical in g.departments.items():
        entries.setdefault(surface, []).append(("department", canonical))
    for surface, (canonical, label) in g.organizations.items():
        entries.setdefault(surface, []).append(("org:" + label, canonical))
    for surface, values in entries.items():
        auto.add_word(surface, (surface, tuple(values)))
    auto.make_automaton()
    g.automaton = auto
    return g


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer; also teaches jieba the names (once)."""
    directory = Path(os.environ.get("KG_DICTIONARIES", DEFAULT_DIR))
    g = load(directory)
    jieba.setLogLevel(60)
    jieba.initialize()
    for name in g.places:
        jieba.add_word(name, freq=2000, tag="ns")
    for surface in list(g.departments) + [s for s in g.stems if len(s) > 2]:
        jieba.add_word(surface, freq=2000, tag="nt")
    for surface in g.organizations:
        jieba.add_word(surface, freq=2000, tag="nt")
    g.tags = jieba.posseg.dt.word_tag_tab
    g.vocabulary = frozenset(jieba.dt.FREQ)
    return g
