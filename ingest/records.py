"""The `kg extract` records (a contract, see docs/records.md): the graph as data."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

#: Node labels of the graph model; `Organization` is implied for the organisation labels.
NODE_LABELS = (
    "Document",
    "Plan",
    "Task",
    "Industry",
    "Cluster",
    "Enterprise",
    "University",
    "ResearchInstitute",
    "Platform",
    "Department",
    "Place",
    "Project",
    "Target",
    "Passage",
)
ORGANIZATION_LABELS = frozenset(
    {"Enterprise", "University", "ResearchInstitute", "Platform", "Department"}
)
RELATIONSHIP_TYPES = (
    "PUBLISHES",
    "ISSUED_BY",
    "HAS_TASK",
    "LEADS",
    "ASSISTS",
    "CONCERNS",
    "IN_INDUSTRY",
    "LOCATED_IN",
    "PART_OF",
    "SUPPORTS",
    "ACTIVE_IN",
    "UNDERTAKES",
    "INCLUDES",
    "COLLABORATES_WITH",
    "HAS_TARGET",
    "MENTIONS",
)


class Evidence(BaseModel):
    """A span of the original file's text (Python str indices) that states a fact."""

    model_config = ConfigDict(frozen=True)

    doc: str
    start: int
    end: int
    text: str

    @property
    def passage_id(self) -> str:
        return f"Passage:{self.doc}:{self.start}-{self.end}"


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


def node_id(label: str, name: str) -> str:
    """Stable ids: `label:canonical-name` for entities."""
    return f"{label}:{name}"
