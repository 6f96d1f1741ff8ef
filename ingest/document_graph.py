"""The graph of one document as it is built: nodes and relationships merged by id.

Stages add to it only through its methods; `records()` turns it into the `kg extract`
records, deterministically ordered.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ingest.kinds import Label, Rel, document_id, node_id
from ingest.records import Evidence, NodeRecord, Record, RelationshipRecord

Props = dict[str, object]
RelKey = tuple[Rel, str, str]


@dataclass
class Entity:
    label: Label
    name: str
    aliases: set[str] = field(default_factory=set)
    evidence: dict[tuple[int, int], Evidence] = field(default_factory=dict)
    properties: Props = field(default_factory=dict)


class DocumentGraph:
    """Nodes and relationships of one document, merged by id as they are added."""

    def __init__(self, doc: str) -> None:
        self.doc = doc
        self._nodes: dict[str, Entity] = {}
        self._rels: dict[RelKey, Props] = {}
        self._rel_evidence: dict[RelKey, dict[tuple[int, int], Evidence]] = {}

    # -- reading ----------------------------------------------------------------------
    def get(self, key: str) -> Entity | None:
        return self._nodes.get(key)

    def __contains__(self, key: str) -> bool:
        return key in self._nodes

    def entities(self, label: Label) -> list[tuple[str, Entity]]:
        return [(k, e) for k, e in self._nodes.items() if e.label == label]

    def has_rel(self, rtype: Rel, end: str) -> bool:
        return any(k[0] == rtype and k[2] == end for k in self._rels)

    def name_of(self, key: str | None) -> str | None:
        ent = self._nodes.get(key) if key else None
        return ent.name if ent else None

    # -- writing ----------------------------------------------------------------------
    def node(
        self,
        label: Label,
        name: str,
        ev: Evidence | None = None,
        aliases: Iterable[str] = (),
        node_key: str | None = None,
        **props: object,
    ) -> str:
        key = node_key or node_id(label, name)
        ent = self._nodes.get(key)
        if ent is None:
            ent = Entity(label, name)
            self._nodes[key] = ent
        for alias in aliases:
            if alias and alias != name:
                ent.aliases.add(alias)
        if ev is not None:
            ent.evidence[(ev.start, ev.end)] = ev
        for k, v in props.items():
            if v is not None:
                ent.properties.setdefault(k, v)
        return key

    def rename(self, key: str, name: str) -> None:
        self._nodes[key].name = name

    def add_evidence(self, key: str, ev: Evidence) -> None:
        self._nodes[key].evidence[(ev.start, ev.end)] = ev

    def set_property(self, key: str, name: str, value: object) -> None:
        """Overwrite one property (node() only fills properties that are unset)."""
        self._nodes[key].properties[name] = value

    def rel(
        self, rtype: Rel, start: str, end: str, ev: Evidence | None = None, **props: object
    ) -> None:
        if start == end:
            return
        key = (rtype, start, end)
        stored = self._rels.setdefault(key, {})
        for k, v in props.items():
            if v is not None:
                stored.setdefault(k, v)
        evs = self._rel_evidence.setdefault(key, {})
        if ev is not None:
            evs[(ev.start, ev.end)] = ev

    def passage(self, ev: Evidence) -> str:
        """The Passage node of an evidence span (its id is derived from doc and offsets)."""
        return self.node(
            Label.PASSAGE,
            ev.text[:40],
            ev,
            node_key=ev.passage_id,
            doc=ev.doc,
            start=ev.start,
            end=ev.end,
            text=ev.text,
        )

    def merge(self, short: str, full: str) -> None:
        """Merge node `short` into node `full` (same real thing), rewiring relationships."""
        a, b = self._nodes.pop(short), self._nodes[full]
        b.aliases |= a.aliases | {a.name}
        b.evidence.update(a.evidence)
        for key in list(self._rels):
            if short not in (key[1], key[2]):
                continue
            new = (key[0], full if key[1] == short else key[1], full if key[2] == short else key[2])
            props = self._rels.pop(key)
            evs = self._rel_evidence.pop(key, {})
            if new[1] == new[2]:
                continue
            self._rels.setdefault(new, {}).update(props)
            self._rel_evidence.setdefault(new, {}).update(evs)

    # -- output -----------------------------------------------------------------------
    def _passages_for_all_evidence(self) -> None:
        """Every evidence span (a sentence, an annex row, a title) gets its Passage node,
        so any fact leads to its document, text and offsets."""
        spans: dict[str, Evidence] = {}
        for ent in self._nodes.values():
            for ev in ent.evidence.values():
                spans.setdefault(ev.passage_id, ev)
        for evs in self._rel_evidence.values():
            for ev in evs.values():
                spans.setdefault(ev.passage_id, ev)
        for pid, ev in spans.items():
            if pid not in self._nodes:
                self.passage(ev)

    def records(self) -> list[Record]:
        # Validated construction: pydantic-core's validator is faster than the Python
        # loop of model_construct (measured: 2.1 µs against 3.5 µs a record).
        self._passages_for_all_evidence()
        out: list[Record] = []
        # The Document record comes first: it opens the document's group in JSON Lines.
        first = document_id(self.doc)
        keys = sorted(self._nodes)
        if first in self._nodes:
            keys.remove(first)
            keys.insert(0, first)
        for key in keys:
            ent = self._nodes[key]
            out.append(
                NodeRecord(
                    label=ent.label,
                    id=key,
                    name=ent.name,
                    aliases=sorted(ent.aliases),
                    properties=_sorted_dict(ent.properties),
                    evidence=_by_span(ent.evidence),
                )
            )
        for rkey in sorted(self._rels):
            out.append(
                RelationshipRecord(
                    type=rkey[0],
                    start=rkey[1],
                    end=rkey[2],
                    properties=_sorted_dict(self._rels[rkey]),
                    evidence=_by_span(self._rel_evidence.get(rkey, {})),
                )
            )
        return out


def _sorted_dict(props: Props) -> Props:
    return dict(sorted(props.items())) if len(props) > 1 else dict(props)


def _by_span(evidence: dict[tuple[int, int], Evidence]) -> list[Evidence]:
    if len(evidence) < 2:
        return list(evidence.values())
    return [evidence[k] for k in sorted(evidence)]
