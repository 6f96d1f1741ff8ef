"""Tasks and the units that lead or assist them: headings with prose role statements,
and annex table rows (which often name the heading they assign)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from ingest.clusters import cluster_in
from ingest.context import DocumentContext
from ingest.kinds import ROLE_UNITS, Label, Rel, Source, task_id
from ingest.lexicon import Lexicon
from ingest.mention import Mention
from ingest.mentions import (
    BARE_PREFIXES,
    collective,
    find_mentions,
    home_prefixed,
    split_list,
    strip_item,
)
from ingest.records import Evidence
from ingest.roles import LABEL, TaskRow, prose_roles, table_tasks, unit_roles
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


def _line_markers(ctx: DocumentContext, line_start: int) -> list[tuple[int, int]]:
    """Working-copy spans of every role statement on the line starting at line_start."""
    cached = ctx.line_markers.get(line_start)
    if cached is None:
        end = ctx.norm.text.find("\n", line_start)
        line = ctx.norm.text[line_start : end if end >= 0 else len(ctx.norm.text)]
        cached = [
            (line_start + r.marker_start, line_start + r.marker_end)
            for r in prose_roles(line, ctx.lexicon)
        ]
        ctx.line_markers[line_start] = cached
    return cached


STRETCH_TRIM = " \t,.;:。、()（）"


def stretch_task(ctx: DocumentContext, sent: Sentence, marker_start: int) -> str | None:
    """The Task a role statement closes: the stretch of text from the previous statement
    on its line (or the line's start) to the statement. The first stretch under a
    heading is the heading's Task (its text grows by the stretch); later ones are Tasks
    of their own; an empty stretch (a role line under its item) is the current Task."""
    known = ctx.marker_tasks.get(marker_start)
    if known is not None:
        return known  # the second list of one statement (（X牵头，Y配合）)
    task = _stretch_task(ctx, sent, marker_start)
    if task is not None:
        ctx.marker_tasks[marker_start] = task
    return task


def _stretch_task(ctx: DocumentContext, sent: Sentence, marker_start: int) -> str | None:
    text = ctx.norm.text
    line_start = text.rfind("\n", 0, sent.start) + 1
    previous = [e for s, e in _line_markers(ctx, line_start) if e <= marker_start]
    start = max([line_start, *previous])
    while (
        start < marker_start
        and text[start] in STRETCH_TRIM
        and not LABEL.match(text[start : start + 8])
    ):
        start += 1  # (but not the "(" of a label: （九）)
    label = LABEL.match(text[start:marker_start])
    if label:
        start += label.end()  # （一）, 1. : the heading's number is not the task
    stretch = text[start:marker_start].strip(STRETCH_TRIM)
    heading = sent.path[-1] if sent.path else None
    anchor = heading.start if heading else -1
    current = ctx.current_task.get(anchor)
    if len(stretch) < 4:
        if current is None and heading is not None:
            current = ensure_heading_task(ctx, sent.plan, sent.path)
            if current is not None:
                ctx.current_task[anchor] = current
        return current
    if current is None and heading is not None:
        key = ensure_heading_task(ctx, sent.plan, sent.path)
        if key is not None:
            ent = ctx.graph.get(key)
            if ent is not None and stretch not in str(ent.properties.get("text") or ""):
                title = ctx.original(heading.end - len(heading.title), heading.end)
                original = ctx.original(start, start + len(stretch))
                ctx.graph.set_property(key, "text", f"{title} {original}".strip())
            ctx.current_task[anchor] = key
            return key
    graph = ctx.graph
    ev = ctx.ev(start, marker_start)
    original = ctx.original(start, start + len(stretch))
    key = graph.node(
        Label.TASK,
        original[:40],
        ev,
        node_key=task_id(ctx.doc, start),
        text=original,
        section=" / ".join(x.label + x.title for x in sent.path),
    )
    plan = ctx.plan_of(sent.plan)
    if plan:
        graph.rel(Rel.HAS_TASK, plan, key, ev)
    for x in sent.path:
        cluster = cluster_in(x.title, ctx.clusters)
        if cluster:
            graph.rel(Rel.CONCERNS, key, cluster, ev)
    ctx.current_task[anchor] = key
    return key


def listed_units(
    ctx: DocumentContext, sent: Sentence, start: int, end: int, found: list[Mention]
) -> list[Mention]:
    """Items of a role statement's unit list that no finder named (国网重庆电力 in
    （责任单位：市经济信息委…，国网重庆电力、有关企业）): a list of responsible units
    holds units, so an item that reads as a body (a home prefix, a body's suffix) or an
    enterprise (电力, 汽车, 集团 …) is one; collectives are not."""
    lx, text = ctx.lexicon, sent.text
    out: list[Mention] = []
    for a, _b, raw in split_list(text, start, end, seps="、,和及"):
        item = strip_item(raw).strip()
        lead = len(raw) - len(raw.lstrip())
        a += lead
        if not (2 <= len(item) <= 16) or collective(lx, item) or item.startswith(("其他", "等")):
            continue
        if any(m.start < sent.start + a + len(item) and sent.start + a < m.end for m in found):
            continue
        if lx.role_cue_pattern.search(item) or item in lx.words["generic_names"]:
            continue
        if lx.trigger_pattern.search(item):
            continue  # 省政府办公厅会同省工信厅: two units and a verb, not one unit
        home = next((ctx.mentions.home(w) for w in BARE_PREFIXES if item.startswith(w)), None)
        if home or item.endswith(lx.department_suffixes):
            label, name = Label.DEPARTMENT, home_prefixed(ctx.mentions, item, department=True)
        elif any(w in item for w in lx.ordered["unit_enterprise_words"]):
            label, name = Label.ENTERPRISE, item
        else:
            continue
        out.append(
            Mention(
                sent.start + a,
                sent.start + a + len(item),
                item,
                label,
                name,
                Source.ROLE_LIST,
                (item,),
            )
        )
    return out


def sentence_roles(
    ctx: DocumentContext,
    sent: Sentence,
    mentions: list[Mention],
    keys: list[str],
    evidence: Evidence,
    mention_node: MentionNode,
) -> None:
    """Role statements of one sentence (（X牵头，Y配合）, 责任单位：…, 由X牵头 …), each on
    the task its stretch of text states."""
    spans = prose_roles(sent.text, ctx.lexicon)
    for span in spans:
        task = stretch_task(ctx, sent, sent.start + span.marker_start)
        if not task:
            continue
        units = [
            (keys[i], m)
            for i, m in enumerate(mentions)
            if sent.start + span.start <= m.start
            and m.end <= sent.start + span.end
            and m.label in ROLE_UNITS
        ]
        extra = listed_units(ctx, sent, span.start, span.end, mentions)
        units += [(mention_node(ctx, m, evidence), m) for m in extra]
        units.sort(key=lambda u: u[1].start)
        rtypes = unit_roles(
            span.role,
            [(m.start, m.end) for _k, m in units],
            sent.text,
            sent.start,
            ctx.first_leads,
        )
        plan = ctx.plan_of(sent.plan) if plan_level(ctx.lexicon, sent.text) else None
        for (key, _m), rtype in zip(units, rtypes, strict=True):
            ctx.graph.rel(rtype, key, task, evidence)
            if plan:
                ctx.graph.rel(rtype, key, plan, evidence)


def plan_level(lx: Lexicon, text: str) -> bool:
    """Does the sentence assign the whole plan or industry (全省X产业由Y牵头，各部门各负其责;
    办公室设在Y，负责日常工作) rather than one task? Such units also lead the Plan."""
    scoped = text.lstrip().startswith(lx.ordered["plan_scope_starts"]) and "由" in text
    return scoped or any(cue in text for cue in lx.ordered["plan_role_cues"])


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
    table_number: int = 0,
    cell_units: dict[str, list[Mention]] | None = None,
) -> None:
    """An annex row: its Task (the heading it names, else a Task of its own), and the
    units of its role cells. Rows of a second annex table number their own tasks
    (row 17 of 附件2 is not row 17 of 附件1)."""
    graph = ctx.graph
    row_ev = ctx.ev(*row.row_span)
    match = heading_for_row(row.task, row.groups, index)
    task = ensure_heading_task(ctx, match[0], match[1]) if match else None
    if task is None:
        prefix = f"t{table_number + 1}" if table_number else ""
        task = task_id(ctx.doc, f"{prefix}row{row.number or row.row_span[0]}")
        graph.node(
            Label.TASK,
            row.task,
            row_ev,
            node_key=task,
            text=" ".join(ctx.original(a, b) for a, b in row.own) or row.task,
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
    seen = {} if cell_units is None else cell_units
    for cell in row.roles:
        # The same cell text recurs down a table (省发展改革委、省工业和信息化厅): its
        # units are found once, at offset 0, and moved to each cell.
        found = seen.get(cell.text)
        if found is None:
            found = [m for m in find_mentions(ctx.mentions, cell.text, 0) if m.label in ROLE_UNITS]
            seen[cell.text] = found
        units = [replace(m, start=m.start + cell.start, end=m.end + cell.start) for m in found]
        rtypes = unit_roles(
            cell.role, [(m.start, m.end) for m in units], cell.text, cell.start, ctx.first_leads
        )
        for m, rtype in zip(units, rtypes, strict=True):
            graph.rel(rtype, mention_node(ctx, m, row_ev), task, row_ev)


def table_roles(ctx: DocumentContext, mention_node: MentionNode) -> None:
    index = title_index(ctx)
    numbered = 0  # tables with role columns, in document order
    cell_units: dict[str, list[Mention]] = {}
    for table in ctx.structure.tables:
        rows = table_tasks(table, ctx.lexicon)
        for row in rows:
            table_row_roles(ctx, row, table.plan, index, mention_node, numbered, cell_units)
        numbered += bool(rows)
