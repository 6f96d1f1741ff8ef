"""The closed vocabularies of the graph model: node labels, relationship types, mention
sources. One place each, so a typo is a type error rather than a silently new label."""

from __future__ import annotations

from enum import IntEnum, StrEnum


class Label(StrEnum):
    """Node labels (docs/graph-model.md); `Organization` is implied for ORGANIZATIONS."""

    DOCUMENT = "Document"
    PLAN = "Plan"
    TASK = "Task"
    INDUSTRY = "Industry"
    CLUSTER = "Cluster"
    ENTERPRISE = "Enterprise"
    UNIVERSITY = "University"
    RESEARCH_INSTITUTE = "ResearchInstitute"
    PLATFORM = "Platform"
    DEPARTMENT = "Department"
    PLACE = "Place"
    PROJECT = "Project"
    TARGET = "Target"
    PASSAGE = "Passage"


ORGANIZATIONS = frozenset(
    {Label.ENTERPRISE, Label.UNIVERSITY, Label.RESEARCH_INSTITUTE, Label.PLATFORM, Label.DEPARTMENT}
)
#: Organisations other than government bodies (they are supported, active in industries).
NON_GOVERNMENT = ORGANIZATIONS - {Label.DEPARTMENT}
#: Labels a role (LEADS/ASSISTS) may start from.
ROLE_UNITS = ORGANIZATIONS


class Rel(StrEnum):
    """Relationship types (docs/graph-model.md)."""

    PUBLISHES = "PUBLISHES"
    ISSUED_BY = "ISSUED_BY"
    HAS_TASK = "HAS_TASK"
    LEADS = "LEADS"
    ASSISTS = "ASSISTS"
    CONCERNS = "CONCERNS"
    IN_INDUSTRY = "IN_INDUSTRY"
    LOCATED_IN = "LOCATED_IN"
    PART_OF = "PART_OF"
    SUPPORTS = "SUPPORTS"
    ACTIVE_IN = "ACTIVE_IN"
    UNDERTAKES = "UNDERTAKES"
    INCLUDES = "INCLUDES"
    COLLABORATES_WITH = "COLLABORATES_WITH"
    HAS_TARGET = "HAS_TARGET"
    FOCUS_REGION = "FOCUS_REGION"
    MENTIONS = "MENTIONS"


class Source(StrEnum):
    """Which finder produced a mention; `PRIORITY` ranks them when two claim one span."""

    GAZETTEER = "gazetteer"
    DEPARTMENT_STEM = "department-stem"
    GOVERNMENT_LIST = "government-list"
    DEFINED_ALIAS = "defined-alias"
    KEY_LIST = "key-list"
    QUOTED = "quoted"
    PROJECT_LIST = "project-list"
    DEPARTMENT_SUFFIX = "department-suffix"
    SUFFIX = "suffix"
    NUMBERED_INSTITUTE = "numbered-institute"
    PROJECT_SUFFIX = "project-suffix"
    ROLE_LIST = "role-list"


class Priority(IntEnum):
    """Lower wins: a gazetteer entry beats a name guessed from its suffix."""

    LISTED = 0
    DEFINED = 1
    QUOTED = 2
    SUFFIX = 3
    WEAK = 4


PRIORITY: dict[Source, Priority] = {
    Source.GAZETTEER: Priority.LISTED,
    Source.DEPARTMENT_STEM: Priority.LISTED,
    Source.GOVERNMENT_LIST: Priority.LISTED,
    Source.DEFINED_ALIAS: Priority.DEFINED,
    Source.KEY_LIST: Priority.DEFINED,
    Source.QUOTED: Priority.QUOTED,
    Source.PROJECT_LIST: Priority.QUOTED,
    Source.DEPARTMENT_SUFFIX: Priority.SUFFIX,
    Source.SUFFIX: Priority.SUFFIX,
    Source.NUMBERED_INSTITUTE: Priority.SUFFIX,
    Source.PROJECT_SUFFIX: Priority.WEAK,
    Source.ROLE_LIST: Priority.WEAK,
}


def node_id(label: Label | str, name: str) -> str:
    """Every entity's stable id: `label:canonical-name` (the one place ids are made)."""
    return label + ":" + name  # a StrEnum's f-string formatting is a Python call


def task_id(doc: str, anchor: str | int) -> str:
    """Tasks are structural: a heading's offset or an annex row within its document."""
    return f"Task:{doc}:{anchor}"


def target_id(doc: str, start: int, end: int) -> str:
    return f"Target:{doc}:{start}-{end}"


def document_id(doc: str) -> str:
    return f"Document:{doc}"


def passage_id(doc: str, start: int, end: int) -> str:
    return f"Passage:{doc}:{start}-{end}"
