"""The Document node, its issuer, and the Plans it publishes (with their industries)."""

from __future__ import annotations

import re
from pathlib import Path

from ingest.context import DocumentContext
from ingest.kinds import ORGANIZATIONS, Label, Rel, document_id
from ingest.lexicon import Lexicon
from ingest.mentions import find_mentions

PERIOD_STRIP = re.compile(r"\(\d{4}\s*-\s*\d{4}年?\)")
PLAN_INDUSTRY = re.compile(
    r"^(?:加快培育|培育和发展|培育发展|加快发展|大力发展|推进|发展|促进|加快)?"
    r"([\u4e00-\u9fff]{2,16}?)产业"
)


def plan_industry(title: str, province: str | None, lx: Lexicon) -> str | None:
    """The industry a plan's title names (…汉麻产业三年专项行动计划 → 汉麻)."""
    core = title
    if province and core.startswith(province):
        core = core[len(province) :]
    core = re.sub(r"^[\u4e00-\u9fff]{2,3}省", "", core) if not province else core
    m = PLAN_INDUSTRY.match(core.removeprefix("关于"))
    if not m:
        return None
    name = re.sub(r"^(?:加快培育|培育|发展)", "", m.group(1))
    return None if name in lx.words["generic_industries"] or len(name) < 2 else name


def _original(ctx: DocumentContext, start: int, end: int) -> str:
    """The original text of a working-copy span, its line breaks removed (a title split
    over lines is one title; traditional script stays traditional)."""
    s, e = ctx.norm.span(start, end)
    return re.sub(r"\s*\n\s*", "", ctx.src.text[s:e])


def add_document(ctx: DocumentContext) -> str:
    """The Document node, named by the notice's title (else by its plan, or its first
    plan and their number), with ISSUED_BY to every issuing body."""
    st, graph = ctx.structure, ctx.graph
    titles = [p.title for p in st.plans] or [
        PERIOD_STRIP.sub("", t) for _s, _e, t in st.header.published
    ]
    if st.header.title:
        title = _original(ctx, st.header.title[0], st.header.title[1])
    elif not titles:
        title = Path(ctx.src.path).stem
    elif len(titles) == 1:
        title = titles[0]
    else:
        title = f"{titles[0]}等{len(titles)}个文件"
    issuers = [_original(ctx, s, e) for s, e, _t in st.header.issuers]
    number = None
    if st.header.doc_number:
        at = ctx.norm.text.find(st.header.doc_number)
        number = _original(ctx, at, at + len(st.header.doc_number))
    key = graph.node(
        Label.DOCUMENT,
        title,
        None,
        node_key=document_id(ctx.doc),
        title=title,
        issuer=issuers[0] if issuers else None,
        issuers=issuers or None,
        issued_on=st.header.issued_on,
        doc_number=number,
        province=ctx.mentions.province or ("中国" if ctx.mentions.central else None),
        city=ctx.mentions.city if ctx.mentions.city != ctx.mentions.province else None,
        source=Path(ctx.src.path).name,
        sha256=ctx.src.sha256,
    )
    for s, e, issuer in st.header.issuers:
        found = find_mentions(ctx.mentions, issuer, s)
        body = next((m for m in found if m.start == s and m.end == e), None)
        label = body.label if body and body.label in ORGANIZATIONS else Label.DEPARTMENT
        name = body.name if body and body.label in ORGANIZATIONS else issuer
        ikey = graph.node(label, name, ctx.ev(s, e), aliases=[issuer, _original(ctx, s, e)])
        graph.rel(Rel.ISSUED_BY, key, ikey, ctx.ev(s, e))
    return key


def add_plans(ctx: DocumentContext, doc_key: str) -> None:
    """Plans with their periods and industries; a notice without a stand-alone plan
    title publishes the titles it quotes (《…》)."""
    st, graph, lx = ctx.structure, ctx.graph, ctx.lexicon
    province = ctx.mentions.province
    for plan in st.plans:
        ev = ctx.ev(plan.start, plan.end)
        key = graph.node(Label.PLAN, plan.title, ev, title=plan.title, period=plan.period)
        ctx.plan_keys.append(key)
        graph.rel(Rel.PUBLISHES, doc_key, key, ev)
        industry = plan_industry(plan.title, province, lx)
        ctx.plan_industries.append(industry)
        if industry:
            ikey = graph.node(Label.INDUSTRY, industry, ev, aliases=[industry + "产业"])
            graph.rel(Rel.CONCERNS, key, ikey, ev)
    if not st.plans:
        for s, e, t in st.header.published:
            key = graph.node(Label.PLAN, PERIOD_STRIP.sub("", t), ctx.ev(s, e), title=t)
            ctx.plan_keys.append(key)
            ctx.plan_industries.append(plan_industry(t, province, lx))
            graph.rel(Rel.PUBLISHES, doc_key, key, ctx.ev(s, e))
