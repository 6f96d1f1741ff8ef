"""The lexicon: every word list the extractor knows, loaded once from reviewed data files.

Knowledge lives in `ingest/data/` (shipped inside the package; `ingest/data/README.md`
says what each file holds); this module only reads it into one immutable, typed object.
A user's own folder (`KG_LEXICON_EXTRA`) adds rows to the same files. The lexicon owns
its segmenter, so loading it never changes a global dictionary and two lexicons can live
in one process.

Segmentation is jieba's algorithm and dictionary run by jieba-rs (the `rjieba` binding):
the same words as `jieba.Tokenizer` on the genre's text (checked on every corpus line,
`tests/ingest/test_lexicon.py`) at a tenth of the cost per call, which matters because
the extractor cuts thousands of short clauses per document. jieba's own package still
supplies the dictionary's POS tags and word frequencies.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

import jieba
import rjieba

from ingest.gazetteer import Gazetteer
from ingest.kinds import Label

PACKAGED = Path(__file__).resolve().parent / "data"


class LexiconError(Exception):
    """A data file is missing or malformed; the message names the file and line."""


@dataclass(frozen=True)
class Place:
    name: str
    level: str  # country, province, city, county, district
    parent: str | None


@dataclass(frozen=True)
class Lexicon:
    """Read-only word tables and the matchers built from them."""

    places: Mapping[str, Place]
    place_alias: Mapping[str, str]  # unambiguous surface -> canonical place
    place_choices: Mapping[str, tuple[str, ...]]  # shared surface -> the places it can name
    place_initials: Mapping[str, frozenset[str]]  # province -> first characters of short names
    stems: Mapping[str, str]  # short or full department stem -> full stem
    departments: Mapping[str, str]  # surface -> canonical department
    organizations: Mapping[str, tuple[str, Label]]  # surface -> (canonical, label)
    suffixes: tuple[tuple[str, Label], ...]  # organisation suffixes, longest first
    department_suffixes: tuple[str, ...]
    triggers: Mapping[str, str]  # word -> SUPPORTS how, or "boundary"
    known_aliases: Mapping[str, frozenset[str]]  # canonical -> listed short forms
    words: Mapping[str, frozenset[str]]  # words/<name>.txt as sets
    ordered: Mapping[str, tuple[str, ...]]  # words/<name>.txt in file order
    project_status: tuple[tuple[str, str], ...]
    #: suffix -> what after it makes it the middle of a longer word (大学生, 中心地带)
    continuations: Mapping[str, tuple[str, ...]]
    role_words: tuple[tuple[str, str], ...]  # (word, lead|assist|responsible)
    role_verbs: tuple[tuple[str, str], ...]  # clause-final verbs in parentheses, longest first
    tags: Mapping[str, str]  # jieba POS tag per word
    freq: Mapping[str, int]  # jieba dictionary frequency per word (ours: 2000)
    #: surface -> ((kind, canonical), ...); kind is place, stem, department or org:<Label>
    gazetteer: Gazetteer[tuple[tuple[str, str], ...]]
    tokenizer: rjieba.Jieba
    suffix_pattern: re.Pattern[str]
    suffix_labels: Mapping[str, Label]  # organisation and department suffixes -> label
    support: Mapping[str, str]  # trigger word -> SUPPORTS how (boundary words left out)
    role_cue_pattern: re.Pattern[str]  # any role cue or role word (a fast pre-check)
    support_pattern: re.Pattern[str]  # the last support verb of a clause ending at a name
    clause_verb_pattern: re.Pattern[str]  # units + a role verb ending a clause in brackets
    industries: Mapping[str, str]  # industry form -> the vocabulary's name
    bare_industries: frozenset[str]  # forms that name an industry without 产业/行业 after
    industry_gazetteer: Gazetteer[str]  # the industry forms
    enterprise_branches: Mapping[tuple[str, str], str]  # (head, tail form) -> full tail
    trigger_pattern: re.Pattern[str]  # any trigger of two or more characters
    triggers_longest_first: tuple[str, ...]  # a verb opening a list item: longest wins

    def word_set(self, name: str) -> frozenset[str]:
        return self.words[name]

    def province_of(self, place: str) -> str | None:
        """The province a place lies in (itself for a province)."""
        seen: set[str] = set()
        while place and place not in seen:
            seen.add(place)
            info = self.places.get(place)
            if info is None:
                return None
            if info.level == "province":
                return info.name
            place = info.parent or ""
        return None

    def within(self, place: str, area: str) -> bool:
        """Is `place` the area itself or inside it (by the PART_OF chain)?"""
        seen: set[str] = set()
        while place and place not in seen:
            if place == area:
                return True
            seen.add(place)
            info = self.places.get(place)
            place = info.parent or "" if info else ""
        return False

    def resolve_place(self, surface: str, city: str | None, province: str | None) -> str | None:
        """The place a surface names: unambiguous forms directly; a shared form (朝阳区)
        by the jurisdiction (inside the document's city, else its province), else the
        one candidate of the highest level (吉林 → 吉林省 outside Jilin)."""
        if surface in self.place_alias:
            return self.place_alias[surface]
        choices = self.place_choices.get(surface)
        if not choices:
            return None
        for area in (city, province):
            if area:
                inside = [c for c in choices if self.within(c, area)]
                if len(inside) == 1:
                    return inside[0]
        ranks = {"country": 0, "province": 1, "city": 2, "new_area": 3, "county": 4, "district": 4}
        best = min(ranks.get(self.places[c].level, 9) for c in choices)
        top = [c for c in choices if ranks.get(self.places[c].level, 9) == best]
        return top[0] if len(top) == 1 else None

    def cut(self, text: str) -> list[str]:
        """jieba's words of `text`, cut in windows of CUT_WINDOW characters.

        jieba builds a graph of every word ending at every character of a run of Han
        characters: for one unpunctuated line of a million characters that is hundreds
        of MiB. Real sentences are far shorter than a window, so their words are the same.
        """
        if len(text) <= CUT_WINDOW:
            return self.tokenizer.cut(text)
        words: list[str] = []
        for start in range(0, len(text), CUT_WINDOW):
            words += self.tokenizer.cut(text[start : start + CUT_WINDOW])
        return words


#: What may follow an industry's name and makes it one (石化行业, 钢铁产业); a form ending
#: in one names its industry by itself.
INDUSTRY_TAILS = ("制造业", "产业", "行业")
#: The dictionary frequency given to listed names: high enough that jieba keeps them whole.
NAME_FREQ = 2000
#: See `Lexicon.cut`: a window far longer than any sentence of the genre.
CUT_WINDOW = 4096


def _rows(path: Path) -> list[list[str]]:
    if not path.is_file():
        return []
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if not cells[0]:
            raise LexiconError(f"{path}:{n}: empty first column")
        rows.append(cells)
    return rows


def _cell(row: list[str], i: int) -> str:
    return row[i] if len(row) > i else ""


def _forms(cell: str) -> list[str]:
    return [a for a in (x.strip() for x in cell.split("|")) if a]


def _label(value: str, where: str) -> Label:
    try:
        return Label(value)
    except ValueError as exc:
        raise LexiconError(f"{where}: unknown type {value!r}") from exc


def _table(folders: Iterable[Path], name: str) -> list[list[str]]:
    """Rows of `name` from the packaged folder, then from each extra folder."""
    return [row for folder in folders for row in _rows(folder / name)]


def _word_lists(
    folders: list[Path],
) -> tuple[dict[str, frozenset[str]], dict[str, tuple[str, ...]]]:
    sets: dict[str, frozenset[str]] = {}
    ordered: dict[str, tuple[str, ...]] = {}
    for path in sorted((PACKAGED / "words").glob("*.txt")):
        items: list[str] = []
        for folder in folders:
            items += [r[0] for r in _rows(folder / "words" / path.name)]
        ordered[path.stem] = tuple(dict.fromkeys(items))
        sets[path.stem] = frozenset(items)
    return sets, ordered


def build(folders: list[Path]) -> Lexicon:
    """Read the data files of `folders` (the packaged one first) into a Lexicon."""
    for folder in folders:
        if not folder.is_dir():
            raise LexiconError(f"{folder}: lexicon folder not found")
    places: dict[str, Place] = {}
    place_forms: dict[str, set[str]] = {}  # surface -> every place it can name
    place_rows = _table(folders, "places.tsv") + _table(folders, "places_extra.tsv")
    for row in place_rows:
        name = row[0]
        if name not in places:
            places[name] = Place(name, _cell(row, 1), _cell(row, 2) or None)
        for form in (name, *_forms(_cell(row, 3))):
            place_forms.setdefault(form, set()).add(name)
    # A surface several places share (朝阳区, 通州) is resolved by the document's
    # jurisdiction at mention time; only unambiguous surfaces go into place_alias.
    place_alias = {f: next(iter(c)) for f, c in place_forms.items() if len(c) == 1}
    place_choices = {f: tuple(sorted(c)) for f, c in place_forms.items() if len(c) > 1}
    stems: dict[str, str] = {}
    for row in _table(folders, "department_stems.tsv"):
        stems[row[0]] = row[0]
        for short in _forms(_cell(row, 1)):
            stems.setdefault(short, row[0])
    departments: dict[str, str] = {}
    for row in _table(folders, "departments.tsv"):
        departments[row[0]] = row[0]
        for alias in _forms(_cell(row, 1)):
            departments[alias] = row[0]
    organizations: dict[str, tuple[str, Label]] = {}
    for row in _table(folders, "organizations.tsv"):
        value = (row[0], _label(_cell(row, 1), f"organizations.tsv: {row[0]}"))
        organizations[row[0]] = value
        for alias in _forms(_cell(row, 2)):
            organizations[alias] = value
    known: dict[str, set[str]] = {}
    for surface, canonical in [
        *departments.items(),
        *((k, v[0]) for k, v in organizations.items()),
    ]:
        if surface != canonical:
            known.setdefault(canonical, set()).add(surface)
    suffixes = tuple(
        sorted(
            (
                (r[0], _label(_cell(r, 1), f"org_suffixes.tsv: {r[0]}"))
                for r in _table(folders, "org_suffixes.tsv")
            ),
            key=lambda s: -len(s[0]),
        )
    )
    words, ordered = _word_lists(folders)
    department_suffixes = ordered["department_suffixes"]
    triggers = {r[0]: _cell(r, 1) for r in _table(folders, "triggers.tsv")}
    status = tuple((r[0], _cell(r, 1)) for r in _table(folders, "project_status.tsv"))
    continuations: dict[str, tuple[str, ...]] = {}
    for r in _table(folders, "suffix_continuations.tsv"):
        for suffix in _forms(r[0]):
            continuations[suffix] = continuations.get(suffix, ()) + tuple(_forms(_cell(r, 1)))
    role_words = tuple((r[0], _cell(r, 1)) for r in _table(folders, "role_words.tsv"))
    role_verbs = tuple(
        sorted(
            ((r[0], _cell(r, 1)) for r in _table(folders, "role_verbs.tsv")),
            key=lambda v: -len(v[0]),
        )
    )

    industries: dict[str, str] = {}
    bare_industries: set[str] = set()
    for row in _table(folders, "industries.tsv"):
        for form in (row[0], *_forms(_cell(row, 1))):
            industries.setdefault(form, row[0])
            if _cell(row, 3) == "yes" or form.endswith(INDUSTRY_TAILS):
                bare_industries.add(form)

    entries: dict[str, list[tuple[str, str]]] = {}
    for surface, canonicals in place_forms.items():
        entries.setdefault(surface, []).extend(("place", c) for c in sorted(canonicals))
    for surface, full in stems.items():
        entries.setdefault(surface, []).append(("stem", full))
    for surface, canonical in departments.items():
        entries.setdefault(surface, []).append(("department", canonical))
    for surface, (canonical, label) in organizations.items():
        entries.setdefault(surface, []).append(("org:" + label, canonical))

    longest_first = tuple(sorted(triggers, key=len, reverse=True))
    tokenizer, tags, freq = _tokenizer(places, departments, stems, organizations)
    support = {w: how for w, how in triggers.items() if how != "boundary"}
    all_suffixes = {s for s, _ in suffixes} | set(department_suffixes)
    alternatives = "|".join(re.escape(s) for s in sorted(all_suffixes, key=len, reverse=True))
    return Lexicon(
        places=MappingProxyType(places),
        place_alias=MappingProxyType(place_alias),
        place_choices=MappingProxyType(place_choices),
        place_initials=MappingProxyType(_initials(places, place_alias)),
        stems=MappingProxyType(stems),
        departments=MappingProxyType(departments),
        organizations=MappingProxyType(organizations),
        suffixes=suffixes,
        department_suffixes=department_suffixes,
        triggers=MappingProxyType(triggers),
        known_aliases=MappingProxyType({k: frozenset(v) for k, v in known.items()}),
        words=MappingProxyType(words),
        ordered=MappingProxyType(ordered),
        project_status=status,
        continuations=MappingProxyType(continuations),
        role_words=role_words,
        role_verbs=role_verbs,
        tags=MappingProxyType(tags),
        freq=MappingProxyType(freq),
        gazetteer=Gazetteer({surface: tuple(values) for surface, values in entries.items()}),
        tokenizer=tokenizer,
        suffix_pattern=re.compile(f"(?:{alternatives})"),
        suffix_labels=MappingProxyType(
            {**dict(suffixes), **{d: Label.DEPARTMENT for d in department_suffixes}}
        ),
        support=MappingProxyType(support),
        support_pattern=re.compile(
            ".*(" + "|".join(sorted(support, key=len, reverse=True)) + ")[^,;。:]*$"
        ),
        clause_verb_pattern=re.compile(
            r"^(?P<units>.+?)(?P<verb>"
            + "|".join(re.escape(v) for v, _r in role_verbs)
            + r")(?:实施|落实|推进|完成)?$"
        ),
        industries=MappingProxyType(industries),
        bare_industries=frozenset(bare_industries),
        industry_gazetteer=Gazetteer({form: form for form in industries}),
        enterprise_branches=MappingProxyType(
            {
                (r[0], form): _cell(r, 2)
                for r in _table(folders, "enterprise_branches.tsv")
                for form in _forms(_cell(r, 1))
            }
        ),
        triggers_longest_first=longest_first,
        trigger_pattern=re.compile("|".join(re.escape(w) for w in longest_first if len(w) >= 2)),
        role_cue_pattern=re.compile(
            "|".join(
                re.escape(w)
                for w in sorted(
                    {*ordered["role_cues"], *(w for w, _r in role_words if not w.startswith("="))},
                    key=len,
                    reverse=True,
                )
            )
        ),
    )


def _initials(places: Mapping[str, Place], alias: Mapping[str, str]) -> dict[str, frozenset[str]]:
    """Per province, the first characters of its places' short names (≤ 4 characters)."""
    out: dict[str, set[str]] = {}
    for surface, canon in alias.items():
        if len(surface) > 4:
            continue
        place, seen = canon, set()
        while place in places and place not in seen:
            seen.add(place)
            if places[place].level == "province":
                out.setdefault(place, set()).add(surface[0])
                break
            place = places[place].parent or ""
    return {k: frozenset(v) for k, v in out.items()}


def _tokenizer(
    places: Mapping[str, Place],
    departments: Mapping[str, str],
    stems: Mapping[str, str],
    organizations: Mapping[str, tuple[str, Label]],
) -> tuple[rjieba.Jieba, dict[str, str], dict[str, int]]:
    """A private segmenter that keeps listed names whole, and the POS tags and frequencies
    of its words (jieba's dictionary plus ours: ns for places, nt for organisations)."""
    tokenizer = rjieba.Jieba()  # jieba's dictionary, built into jieba-rs
    with jieba.Tokenizer().get_dict_file() as dictionary:  # jieba's dict.txt: word freq tag
        fields = dictionary.read().decode("utf-8").split()
    words = fields[0::3]
    tags = dict(zip(words, fields[2::3], strict=True))
    freq = dict(zip(words, map(int, fields[1::3]), strict=True))
    for word, tag in named_words(places, departments, stems, organizations):
        tokenizer.add_word(word, NAME_FREQ, tag)
        tags[word], freq[word] = tag, NAME_FREQ
    return tokenizer, tags, freq


def named_words(
    places: Iterable[str],
    departments: Iterable[str],
    stems: Iterable[str],
    organizations: Iterable[str],
) -> Iterator[tuple[str, str]]:
    """The listed names the segmenter keeps whole, with their tags (ns for places, nt for
    bodies and organisations)."""
    for name in places:
        yield name, "ns"
    for surface in [*departments, *(s for s in stems if len(s) > 2), *organizations]:
        yield surface, "nt"


@lru_cache(maxsize=4)
def load_lexicon(extra: Path | None = None) -> Lexicon:
    """The packaged lexicon, plus the rows of an optional extra folder (cached per folder:
    building one takes about a second, most of it jieba's dictionary)."""
    folders = [PACKAGED] if extra is None else [PACKAGED, extra.resolve()]
    return build(folders)
