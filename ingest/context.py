"""DocumentContext: what every relation stage of one document shares."""

from __future__ import annotations

from dataclasses import dataclass, field

from ingest.clusters import Clusters
from ingest.document_graph import DocumentGraph
from ingest.lexicon import Lexicon
from ingest.mentions import MentionContext
from ingest.read import NormalisedText, SourceText
from ingest.records import Evidence
from ingest.structure import Structure


@dataclass
class DocumentContext:
    """One document under extraction: its text, structure, lexicon, mention context,
    the graph being built, and the plans, industries and clusters found so far."""

    src: SourceText
    norm: NormalisedText
    structure: Structure
    lexicon: Lexicon
    mentions: MentionContext
    graph: DocumentGraph
    plan_keys: list[str] = field(default_factory=list)
    plan_industries: list[str | None] = field(default_factory=list)
    clusters: Clusters = field(default_factory=dict)
    heading_tasks: dict[int, str] = field(default_factory=dict)  # heading start -> Task id
    current_task: dict[int, str] = field(default_factory=dict)  # heading start -> last Task
    line_markers: dict[int, list[tuple[int, int]]] = field(default_factory=dict)
    marker_tasks: dict[int, str] = field(default_factory=dict)  # statement start -> Task
    first_leads: bool = False  # the document says the first-listed unit leads
    #: innermost heading start -> the cluster its section is about (see section_cluster)
    section_clusters: dict[int, str | None] = field(default_factory=dict)

    @property
    def doc(self) -> str:
        return self.src.doc_id

    def ev(self, start: int, end: int) -> Evidence:
        """Evidence for a working-copy span: offsets and text of the original file."""
        s, e = self.norm.span(start, end)
        return Evidence(doc=self.doc, start=s, end=e, text=self.src.text[s:e])

    def original(self, start: int, end: int) -> str:
        """The original text of a working-copy span (task texts keep the document's own
        characters: Ⅲ, traditional script)."""
        s, e = self.norm.span(start, end)
        return self.src.text[s:e]

    def plan_of(self, index: int | None) -> str | None:
        """The Plan a section belongs to (the only plan when the document has one)."""
        if index is None:
            return self.plan_keys[0] if len(self.plan_keys) == 1 else None
        return self.plan_keys[index] if index < len(self.plan_keys) else None

    def industry_of(self, index: int | None) -> str | None:
        if index is None:
            return self.plan_industries[0] if len(self.plan_industries) == 1 else None
        return self.plan_industries[index] if index < len(self.plan_industries) else None
