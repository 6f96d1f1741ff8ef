"""The `kg extract` records (a contract, see docs/records.md): the graph as data."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ingest.kinds import ORGANIZATIONS, Label, Rel, passage_id

#: Node labels and relationship types of the graph model (ingest/kinds.py is the one
#: definition; these tuples are its values for code that checks strings).
NODE_LABELS = tuple(str(x) for x in Label)
ORGANIZATION_LABELS = frozenset(str(x) for x in ORGANIZATIONS)
RELATIONSHIP_TYPES = tuple(str(x) for x in Rel)


class Evidence(BaseModel):
    """A span of the original file's text (Python str indices) that states a fact."""

    model_config = ConfigDict(frozen=True)

    doc: str
    start: int
    end: int
    text: str

    @property
    def passage_id(self) -> str:
        return passage_id(self.doc, self.start, self.end)


class NodeRecord(BaseModel):
    kind: Literal["node"] = "node"
    label: str
    id: str
    name: str
    aliases: list[str] = Field(default_factory=list)
    properties: dict[str, Any] = Field(default_factory=dict)
    evidence: list[Evidence] = Field(default_factory=list)


class RelationshipRecord(BaseModel):
    kind: Literal["relationship"] = "relationship"
    type: str
    start: str
    end: str
    properties: dict[str, Any] = Field(default_factory=dict)
    evidence: list[Evidence] = Field(default_factory=list)


Record = NodeRecord | RelationshipRecord
