"""Tasks and the units that lead or assist them: headings with prose role statements,
and annex table rows (which often name the heading they assign)."""

from __future__ import annotations

import re
from collections.abc import Callable

from ingest.clusters import cluster_in
from ingest.context import DocumentContext
from ingest.kinds import ROLE_UNITS, Label, Rel, task_id
from ingest.mention import Mention
from ingest.mentions import find_mentions
from ingest.records import Evidence
from ingest.roles import TaskRow, prose_roles, table_tasks, unit_roles
from ingest.structure import Heading, Sentence

#: Makes (or finds) the node of a mention: resolution belongs to the pipeline.
MentionNode = Callable[[DocumentContext, Mention, Evidence], str]
#: Headings by loose title: (plan index, heading path) of every heading with that title.
TitleIndex = dict[str, list[tuple[int | None, tuple[Heading, ...]]]]


def _loose(text: str) -> str:
    return re.sub(r"[,、;。\s]", "", text)


def ensure_heading_task(
    ctx: DocumentContext, plan_index: int | None, path: tuple[Heading, ...]
) -> str | None:
    """The Task of the innermost heading of `path`, created (with HAS_TASK and the
    clusters its headings name) the first time a role points at it."""
    if not path:
        return None
    h = path[-1]
    if h.level == 1 and len(path) == 1 and not h.title:
        return None
    key = ctx.heading_tasks.get(h.start)
    if key is not None:
        return key
    graph = ctx.graph
    ev = ctx.ev(h.start, h.end)
    key = graph.node(
        Label.TASK,
        h.title or h.label,
        ev,
        node_key=task_id(ctx.doc, h.start),
        text=h.title,
        section=" / ".join(x.label + x.title for x in path),
    )
    ctx.heading_tasks[h.start] = key
    plan = ctx.plan_of(plan_index)
    if plan:
        graph.rel(Rel.HAS_TASK, plan, key, ev)
    for x in path:
        cluster = cluster_in(x.title, ctx.clusters)
        if cluster:
            graph.rel(Rel.CONCERNS, key, cluster, ev)
    return key


def sentence_roles(
    ctx: DocumentContext,
    sent: Sentence,
    mentions: list[Mention],
    keys: list[str],
    evidence: Evidence,
) -> None:
    """Prose roles (（X牵头，Y配合）, 由X牵头, 联席会议办公室设在X …) of one sentence, on
    the task of the heading the sentence stands under."""
    spans = prose_roles(sent.text, ctx.lexicon)
    if not spans:
        return
    task = ensure_heading_task(ctx, sent.plan, sent.path)
    if not task:
        return
    for role, s, e in spans:
        units = [
            (i, m)
            for i, m in enumerate(mentions)
            if sent.start + s <= m.start and m.end <= sent.start + e and m.label in ROLE_UNITS
        ]
        rtypes = unit_roles(role, [(m.start, m.end) for _i, m in units], sent.text, sent.start)
        for (i, _m), rtype in zip(units, rtypes, strict=True):
            ctx.graph.rel(rtype, keys[i], task, evidence)


def title_index(ctx: DocumentContext) -> TitleIndex:
    """Annex rows name the prose task they assign (often by its heading's title): index
    headings by loose title, keeping every heading that shares a title."""
    index: TitleIndex = {}
    for plan_idx, path in ctx.structure.headings:
        if path:
            index.setdefault(_loose(path[-1].title), []).append((plan_idx, path))
    return index


def heading_for_row(
    task: str, groups: list[str], index: TitleIndex
) -> tuple[int | None, tuple[Heading, ...]] | None:
    """The prose heading an annex row assigns: same title, and when several headings share
    it (推进重点项目建设 under every cluster), the one under the row's group."""
    candidates = index.get(_loose(task), [])
    if len(candidates) <= 1:
        return candidates[0] if candidates else None
    wanted = {_loose(g) for g in groups if g}
    scored = sorted(
        ((len(wanted & {_loose(h.title) for h in c[1][:-1]}), i) for i, c in enumerate(candidates)),
        reverse=True,
    )
    if scored[0][0] == 0 or scored[0][0] == scored[1][0]:
        return None
    return candidates[scored[0][1]]


def table_row_roles(
    ctx: DocumentContext,
    row: TaskRow,
    plan_index: int | None,
    index: TitleIndex,
    mention_node: MentionNode,
) -> None:
    """An annex row: its Task (the heading it names, else a Task of its own), and the
    units of its role cells."""
    graph = ctx.graph
    row_ev = ctx.ev(*row.row_span)
    match = heading_for_row(row.task, row.groups, index)
    task = ensure_heading_task(ctx, match[0], match[1]) if match else None
    if task is None:
        task = task_id(ctx.doc, f"row{row.number or row.row_span[0]}")
        graph.node(
            Label.TASK,
            row.task,
            row_ev,
            node_key=task,
            text=row.task,
            section=" / ".join([*row.groups, row.task]),
        )
    graph.set_property(task, "number", row.number)
    graph.add_evidence(task, row_ev)
    plan = ctx.plan_of(plan_index)
    if plan:
        graph.rel(Rel.HAS_TASK, plan, task, row_ev)
    for text in [*row.groups, row.task]:
        cluster = cluster_in(text, ctx.clusters)
        if cluster:
            graph.rel(Rel.CONCERNS, task, cluster, row_ev)
    for cell in row.roles:
        units = [
            m for m in find_mentions(ctx.mentions, cell.text, cell.start) if m.label in ROLE_UNITS
        ]
        rtypes = unit_roles(cell.role, [(m.start, m.end) for m in units], cell.text, cell.start)
        for m, rtype in zip(units, rtypes, strict=True):
            graph.rel(rtype, mention_node(ctx, m, row_ev), task, row_ev)


def table_roles(ctx: DocumentContext, mention_node: MentionNode) -> None:
    index = title_index(ctx)
    for table in ctx.structure.tables:
        for row in table_tasks(table, ctx.lexicon):
            table_row_roles(ctx, row, table.plan, index, mention_node)
