"""Relations stated in a sentence: support, activity, projects, collaborations, targets;
and projects linked to the enterprise their name starts with."""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from ingest.clusters import cluster_in
from ingest.context import DocumentContext
from ingest.kinds import NON_GOVERNMENT, ORGANIZATIONS, Label, Rel, node_id, target_id
from ingest.lexicon import Lexicon
from ingest.mention import Mention
from ingest.records import Evidence
from ingest.structure import Sentence
from ingest.targets import find_targets

#: How far back a governing verb may stand (a long list of names has no commas).
SUPPORT_REACH = 200


def support_how(lx: Lexicon, text: str, pos: int) -> str | None:
    """The trigger verb governing a name: the nearest one before it in its clause."""
    start = max(0, pos - SUPPORT_REACH)
    m = lx.support_pattern.match(text[start:pos])
    return lx.support[m.group(1)] if m else None


@lru_cache(maxsize=4)
def _collab_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(words))


def _masked(text: str, offset: int, mentions: list[Mention]) -> str:
    """`text` with every mention's characters replaced by '#'. Built from slices: a list
    of one string per character costs some 80 bytes a character (38 MiB at 500k)."""
    parts: list[str] = []
    at = 0
    for m in sorted(mentions, key=lambda m: m.start):
        s, e = max(m.start - offset, at), m.end - offset
        if e <= s:
            continue
        parts += [text[at:s], "#" * (e - s)]
        at = e
    parts.append(text[at:])
    return "".join(parts)


def collaborations(
    lx: Lexicon, text: str, offset: int, mentions: list[Mention]
) -> list[tuple[int, int]]:
    """X与Y(、Z)合作/共建/联合…: X with each of Y, Z. The verb must stand outside the
    names (联合 in 国家地方联合工程研究中心 is not one), in the clause or opening the
    next one (依托X与Y,合作开发…)."""
    collab = _collab_pattern(lx.ordered["collaboration_verbs"])
    if not collab.search(text):
        return []
    plain = _masked(text, offset, mentions)
    pairs: list[tuple[int, int]] = []
    previous: list[int] = []
    for clause in re.finditer(r"[^,;。]+", plain):
        inside = [
            i
            for i, m in enumerate(mentions)
            if m.label in NON_GOVERNMENT
            and offset + clause.start() <= m.start
            and m.end <= offset + clause.end()
        ]
        before, previous = previous, inside
        following = plain[clause.end() + 1 : clause.end() + 5]
        if not collab.search(clause.group(0)) and not collab.match(following):
            continue
        if inside and plain[clause.start() : mentions[inside[0]].start - offset] == "与":
            # 发挥A…和B…能力，与X、Y等龙头企业联合: the clause's subject is the
            # previous clause's organisations.
            partners = _listed_after(text, offset, mentions, inside)
            pairs += [(left, p) for left in before for p in partners]
        for pos, left in enumerate(inside):
            after = inside[pos + 1 :]
            if not after:
                continue
            first = mentions[after[0]]
            if text[mentions[left].end - offset : first.start - offset] not in ("与", "和", "同"):
                continue
            pairs += [(left, p) for p in _listed_after(text, offset, mentions, after)]
    return pairs


#: What stands between two items of one list (Y、Z和W).
LIST_JOINERS = ("、", "和", "及")


def _listed_after(text: str, offset: int, mentions: list[Mention], items: list[int]) -> list[int]:
    """The first mention of items and those listed after it (Y、Z和W)."""
    partners = [items[0]]
    for nxt in items[1:]:
        prev = mentions[partners[-1]]
        if text[prev.end - offset : mentions[nxt].start - offset] in LIST_JOINERS:
            partners.append(nxt)
        else:
            break
    return partners


@lru_cache(maxsize=4)
def _focus_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    alts = "|".join(sorted(words, key=len, reverse=True))
    return re.compile(rf"等[\u4e00-\u9fff]{{0,12}}?(?:{alts})(?![方区域市县])")


def focus_regions(lx: Lexicon, text: str, offset: int, mentions: list[Mention]) -> list[int]:
    """Places listed before 等…地区 (重点突出长春、四平、白城等奶牛养殖优势地区; 在大连、
    营口等地区建设…): the regions a plan or industry focuses on."""
    if "等" not in text:
        return []
    pattern = _focus_pattern(lx.ordered["focus_region_words"])
    places = [i for i, m in enumerate(mentions) if m.label == Label.PLACE]
    out: list[int] = []
    run: list[int] = []
    for i in places:
        m = mentions[i]
        if run and text[mentions[run[-1]].end - offset : m.start - offset] not in LIST_JOINERS:
            run = []
        run.append(i)
        found = pattern.match(text, m.end - offset)
        if found:
            first = mentions[run[0]].start - offset
            context = text[max(0, first - 6) : first] + found.group(0)
            if not any(w in context for w in lx.ordered["not_focus_words"]):
                out += run
            run = []
    return out


TAIL_INDUSTRY = re.compile(
    r"等(?P<industry>[\u4e00-\u9fff]{2,8}?)(?:生产|加工|制造)?(?:企业|车企|厂商)"
)


def tail_industries(
    lx: Lexicon, text: str, offset: int, mentions: list[Mention]
) -> list[tuple[int, str]]:
    """甲、乙、丙等乳制品企业: the list's tail names the industry each listed enterprise is
    active in (乳制品), which may be narrower than the plan's (绿色食品); 龙头企业 names none."""
    if "等" not in text:
        return []
    out: list[tuple[int, str]] = []
    named = sorted(
        (i for i, x in enumerate(mentions) if x.label in NON_GOVERNMENT),
        key=lambda i: mentions[i].start,
    )
    ends = [mentions[i].end - offset for i in named]
    for m in TAIL_INDUSTRY.finditer(text):
        industry = m.group("industry")
        if (
            industry.startswith(lx.ordered["generic_starts"])
            or industry in lx.words["generic_industries"]
        ):
            continue
        if any(ch in industry for ch in "等各有") or industry.endswith(("类", "型", "级")):
            continue
        run: list[int] = []
        pos = m.start()
        # the named organisations ending at or before the tail, nearest first
        for j in range(bisect_right(ends, pos) - 1, -1, -1):
            i = named[j]
            x = mentions[i]
            if x.end - offset == pos or (run and text[x.end - offset : pos] in LIST_JOINERS):
                run.append(i)
                pos = x.start - offset
            elif x.end - offset <= pos:
                break
        out += [(i, industry) for i in run]
    return out


def section_cluster(ctx: DocumentContext, sent: Sentence) -> str | None:
    """The cluster the innermost heading that names one names; every sentence of a
    section asks, so the answer is kept per section."""
    if not sent.path:
        return None
    section = sent.path[-1].start
    if section not in ctx.section_clusters:
        ctx.section_clusters[section] = next(
            (c for h in reversed(sent.path) if (c := cluster_in(h.title, ctx.clusters))), None
        )
    return ctx.section_clusters[section]


def sentence_relations(
    ctx: DocumentContext,
    sent: Sentence,
    mentions: list[Mention],
    keys: list[str],
    evidence: Evidence,
) -> None:
    """SUPPORTS, ACTIVE_IN, INCLUDES, IN_INDUSTRY, UNDERTAKES, COLLABORATES_WITH and
    targets of one sentence."""
    graph, lx = ctx.graph, ctx.lexicon
    plan_key = ctx.plan_of(sent.plan)
    cluster = section_cluster(ctx, sent)
    cluster_industry = next((c.industry for c in ctx.clusters.values() if c.key == cluster), None)
    industry = cluster_industry or ctx.industry_of(sent.plan)
    industry_key = node_id(Label.INDUSTRY, industry) if industry else None
    if industry and industry_key and industry_key not in graph:
        graph.node(Label.INDUSTRY, industry, evidence)

    text = sent.text
    for m, key in zip(mentions, keys, strict=True):
        if m.label in NON_GOVERNMENT:
            how = support_how(lx, text, m.start - sent.start)
            if how and plan_key:
                graph.rel(Rel.SUPPORTS, plan_key, key, evidence, how=how)
            if industry_key and m.label != Label.PLATFORM:
                graph.rel(Rel.ACTIVE_IN, key, industry_key, evidence)
        if m.label == Label.PROJECT:
            if plan_key:
                graph.rel(Rel.INCLUDES, plan_key, key, evidence)
            if industry_key:
                graph.rel(Rel.IN_INDUSTRY, key, industry_key, evidence)
            for other, okey in zip(mentions, keys, strict=True):
                if other.label in ORGANIZATIONS and m.start <= other.start and other.end <= m.end:
                    graph.rel(Rel.UNDERTAKES, okey, key, evidence)
    for a, b in collaborations(lx, text, sent.start, mentions):
        graph.rel(Rel.COLLABORATES_WITH, keys[a], keys[b], evidence)
    for i, name in tail_industries(lx, text, sent.start, mentions):
        tail_key = node_id(Label.INDUSTRY, name)
        if tail_key not in graph:
            graph.node(Label.INDUSTRY, name, evidence)
        graph.rel(Rel.ACTIVE_IN, keys[i], tail_key, evidence)
    holder = cluster or industry_key or plan_key
    if holder:
        for i in focus_regions(lx, text, sent.start, mentions):
            graph.rel(Rel.FOCUS_REGION, holder, keys[i], evidence)
    sentence_targets(ctx, text, holder, plan_key, evidence)


def sentence_targets(
    ctx: DocumentContext, text: str, subject: str | None, plan_key: str | None, evidence: Evidence
) -> None:
    """Targets of a sentence, held by the cluster the sentence names, else the section's
    cluster or industry, else the plan."""
    graph = ctx.graph
    for t in find_targets(text, ctx.lexicon):
        holder = subject
        for name, c in ctx.clusters.items():
            if name in text:
                holder = c.key
                break
        if holder is None:
            continue
        key = target_id(ctx.doc, evidence.start + t.start, evidence.start + t.end)
        low = f"{t.low:g}-" if t.low is not None else ""
        graph.node(
            Label.TARGET,
            f"{t.metric} {t.comparator or ''}{low}{t.value:g}{t.unit}",
            evidence,
            node_key=key,
            metric=t.metric,
            value=t.value,
            unit=t.unit,
            year=t.year,
            comparator=t.comparator,
            subject=graph.name_of(holder),
            plan=graph.name_of(plan_key),
            value_min=t.low,
            baseline=True if t.baseline else None,
            series=t.series,
            series_size=t.series_size,
            object=t.object,
        )
        graph.rel(Rel.HAS_TARGET, holder, key, evidence)


def link_projects(ctx: DocumentContext) -> None:
    """飞鹤奶山羊乳品加工项目 is undertaken by 飞鹤: a project whose name starts with an
    enterprise's name (or one of its forms) named in the same document."""
    graph = ctx.graph
    forms: list[tuple[str, str]] = []
    for key, ent in graph.entities(Label.ENTERPRISE):
        forms += [(f, key) for f in {ent.name, *ent.aliases} if len(f) >= 2]
    forms.sort(key=lambda f: -len(f[0]))
    for key, ent in graph.entities(Label.PROJECT):
        owner = next((k for f, k in forms if ent.name.startswith(f)), None)
        if owner and not graph.has_rel(Rel.UNDERTAKES, key):
            ev = next(iter(ent.evidence.values()), None)
            graph.rel(Rel.UNDERTAKES, owner, key, ev)
