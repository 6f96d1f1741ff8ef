"""Wires the stages, one document at a time:

read → structure → jurisdiction → mentions → resolve → relations (tasks and roles,
support, collaborations, projects, clusters, targets) → records.

Nothing else lives here. A run first collects the （以下简称X） definitions of all its
documents (a small table), so a short form defined in one document resolves to the same
entity in every other document of the run.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace

from ingest.clusters import find_clusters
from ingest.context import DocumentContext
from ingest.document_graph import DocumentGraph
from ingest.documents import add_document, add_plans
from ingest.industries import IndustryMention, find_industries
from ingest.kinds import Label, Rel
from ingest.lexicon import INDUSTRY_TAILS, Lexicon
from ingest.mention import Mention
from ingest.mentions import MentionContext, find_mentions
from ingest.read import SourceText, normalise
from ingest.records import Evidence, Record
from ingest.relations import link_projects, sentence_relations
from ingest.resolve import (
    Definitions,
    definitions,
    jurisdiction,
    merge_short_forms,
    place_node,
    places_in,
)
from ingest.roles import first_listed_leads
from ingest.structure import parse
from ingest.tasks import sentence_roles, table_roles


def mention_node(ctx: DocumentContext, m: Mention, evidence: Evidence) -> str:
    """The node a mention names, with the places its name starts with (LOCATED_IN)."""
    graph, lx = ctx.graph, ctx.lexicon
    if m.label == Label.PLACE:
        key = place_node(graph, lx, m.name, evidence)
        s, e = ctx.norm.span(m.start, m.end)
        graph.node(Label.PLACE, m.name, aliases=[ctx.src.text[s:e], m.surface])
        return key
    status = None
    if m.label == Label.PROJECT:
        status = next((v for w, v in lx.project_status if w in evidence.text), None)
    # Forms the gazetteer knows (哈工大 for 哈尔滨工业大学) are aliases even where this
    # document does not use them: they are how users will ask.
    s, e = ctx.norm.span(m.start, m.end)
    original = ctx.src.text[s:e]  # the text's own form (traditional, full-width)
    aliases = (*m.aliases, original, *sorted(lx.known_aliases.get(m.name, ())))
    key = graph.node(m.label, m.name, evidence, aliases=aliases, status=status)
    if m.label != Label.DEPARTMENT:
        for place in places_in(lx, m.name):
            graph.rel(Rel.LOCATED_IN, key, place_node(graph, lx, place, None), evidence)
    return key


def industry_node(ctx: DocumentContext, found: IndustryMention, evidence: Evidence) -> str:
    """The Industry node of an industry named in the text (石化行业 → 石化)."""
    surface = found.surface
    for tail in INDUSTRY_TAILS:
        surface = surface.removesuffix(tail)
    return ctx.graph.node(
        Label.INDUSTRY, found.name, evidence, aliases=[surface, found.name + "产业"]
    )


def task_industries(ctx: DocumentContext) -> None:
    """A task concerns the industries its text names (推进新能源汽车充电设施建设)."""
    graph = ctx.graph
    for key, task in graph.entities(Label.TASK):
        evidence = next(iter(task.evidence.values()), None)
        if evidence is None:
            continue
        text = str(task.properties.get("text") or task.name)
        for found in find_industries(ctx.lexicon, text, 0, []):
            graph.rel(Rel.CONCERNS, key, industry_node(ctx, found, evidence), evidence)


def extract_document(
    src: SourceText, lx: Lexicon, defined: Definitions | None = None
) -> list[Record]:
    """The records of one document."""
    norm = normalise(src.text)
    st = parse(norm, lx)
    where = jurisdiction(st, lx)
    mctx = MentionContext(
        lx,
        where.province,
        where.city,
        dict(defined or {}),
        county=where.county,
        central=where.central,
    )
    ctx = DocumentContext(src, norm, st, lx, mctx, DocumentGraph(src.doc_id))
    ctx.first_leads = first_listed_leads(norm.text)

    doc_key = add_document(ctx)
    add_plans(ctx, doc_key)
    # Clusters first: headings name them, sentences refer back by place prefix.
    ctx.clusters = find_clusters(st, lx, ctx.graph, ctx.ev)
    generic = {i for i in ctx.plan_industries if i} | {c.industry for c in ctx.clusters.values()}
    ctx.mentions = replace(mctx, generic=frozenset(generic))

    for sent in st.sentences:
        mentions = find_mentions(ctx.mentions, sent.text, sent.start)
        evidence = ctx.ev(sent.start, sent.end)
        keys = [mention_node(ctx, m, evidence) for m in mentions]
        named = [
            industry_node(ctx, i, evidence)
            for i in find_industries(lx, sent.text, sent.start, mentions)
        ]
        if mentions or named:
            passage = ctx.graph.passage(evidence)
            for key in sorted({*keys, *named}):
                ctx.graph.rel(Rel.MENTIONS, passage, key, evidence)
        sentence_relations(ctx, sent, mentions, keys, evidence)
        sentence_roles(ctx, sent, mentions, keys, evidence, mention_node)
    table_roles(ctx, mention_node)
    task_industries(ctx)
    merge_short_forms(ctx.graph, lx)
    link_projects(ctx)
    return ctx.graph.records()


def run_definitions(sources: Iterable[SourceText], lx: Lexicon) -> Definitions:
    """The （以下简称X） table of a run (first definition of a short form wins)."""
    found: Definitions = {}
    for src in sources:
        for alias, value in definitions(src, lx).items():
            found.setdefault(alias, value)
    return found


def extract_sources(
    sources: list[SourceText], lx: Lexicon
) -> Iterator[tuple[SourceText, list[Record]]]:
    """Extract documents already in memory with run-wide alias definitions."""
    defined = run_definitions(sources, lx)
    for src in sources:
        yield src, extract_document(src, lx, defined)
