"""Wires the stages: read → structure → mentions → resolve → relations/targets → records.

One document at a time (memory stays flat as the corpus grows). A run first collects the
（以下简称X） definitions of all its documents, so a short form defined in one document
resolves to the same entity in every other document of the run.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ingest.gazetteers import Gazetteer, gazetteer
from ingest.mentions import Mention, SentenceMentions
from ingest.read import NormalisedText, SourceText, normalise
from ingest.records import (
    Evidence,
    NodeRecord,
    Record,
    RelationshipRecord,
    node_id,
)
from ingest.roles import prose_roles, table_tasks, unit_roles
from ingest.structure import Heading, Sentence, Structure, parse
from ingest.targets import find_targets

DEFINITION = re.compile(r"\((?:以下)?简称[“\"]?([^()“”\"]{2,20})[”\"]?\)")
PROVINCE_IN_TEXT = re.compile(r"^[\u4e00-\u9fff]{2,7}?(?:省|自治区|市)")
CLUSTER = re.compile(r"([\u4e00-\u9fff-]{2,30}?)产业集群")
PLAN_INDUSTRY = re.compile(
    r"^(?:加快培育|培育和发展|培育发展|加快发展|大力发展|推进|发展|促进|加快)?"
    r"([\u4e00-\u9fff]{2,16}?)产业"
)
GENERIC_INDUSTRIES = {"新兴", "战略性新兴", "新兴产业", "战略性新兴产业", "重点", "优势"}
STATUS_WORDS = (
    ("在建", "在建"),
    ("储备", "储备"),
    ("前期", "前期"),
    ("新建", "新建"),
    ("核准", "已核准"),
    ("投产", "投产"),
    ("谋划", "谋划"),
)
COLLAB = re.compile(r"合作|共建|联合|协同|携手")
SUPPORT_HOW = {
    "relies_on": "依托",
    "supports": "支持",
    "promotes": "推动",
    "guides": "引导",
    "encourages": "鼓励",
    "leverages": "发挥",
    "attracts": "引进",
    "cultivates": "培育",
}
ORG_LABELS = {"Enterprise", "University", "ResearchInstitute", "Platform"}
SUPPORT_BY_WORD = {word: how for how, word in SUPPORT_HOW.items()}
#: The last trigger word of the clause that ends where a name starts.
SUPPORT_IN_CLAUSE = re.compile(".*(" + "|".join(SUPPORT_BY_WORD) + ")[^,;。:]*$")
LEGAL_SUFFIXES = ("有限公司", "有限责任公司", "股份有限公司", "集团公司", "总公司", "公司")


@dataclass
class Entity:
    label: str
    name: str
    aliases: set[str] = field(default_factory=set)
    evidence: dict[tuple[int, int], Evidence] = field(default_factory=dict)
    properties: dict[str, object] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return node_id(self.label, self.name)


class DocumentGraph:
    """Nodes and relationships of one document, merged by id as they are added."""

    def __init__(self, doc: str) -> None:
        self.doc = doc
        self.nodes: dict[str, Entity] = {}
        self.rels: dict[tuple[str, str, str], dict[str, object]] = {}
        self.rel_evidence: dict[tuple[str, str, str], dict[tuple[int, int], Evidence]] = {}

    def node(
        self,
        label: str,
        name: str,
        ev: Evidence | None = None,
        aliases: Iterable[str] = (),
        node_key: str | None = None,
        **props: object,
    ) -> str:
        key = node_key or node_id(label, name)
        ent = self.nodes.get(key)
        if ent is None:
            ent = Entity(label, name)
            self.nodes[key] = ent
        for alias in aliases:
            if alias and alias != name:
                ent.aliases.add(alias)
        if ev is not None:
            ent.evidence[(ev.start, ev.end)] = ev
        for k, v in props.items():
            if v is not None:
                ent.properties.setdefault(k, v)
        return key

    def rel(
        self, rtype: str, start: str, end: str, ev: Evidence | None = None, **props: object
    ) -> None:
        if start == end:
            return
        key = (rtype, start, end)
        stored = self.rels.setdefault(key, {})
        for k, v in props.items():
            if v is not None:
                stored.setdefault(k, v)
        evs = self.rel_evidence.setdefault(key, {})
        if ev is not None:
            evs[(ev.start, ev.end)] = ev

    def _passages_for_all_evidence(self) -> None:
        """Every evidence span (a sentence, an annex row, a title) gets its Passage node,
        so any fact leads to its document, text and offsets."""
        spans: dict[str, Evidence] = {}
        for ent in self.nodes.values():
            for ev in ent.evidence.values():
                spans.setdefault(ev.passage_id, ev)
        for evs in self.rel_evidence.values():
            for ev in evs.values():
                spans.setdefault(ev.passage_id, ev)
        for pid, ev in spans.items():
            if pid not in self.nodes:
                self.passage(ev)

    def passage(self, ev: Evidence) -> str:
        """The Passage node of an evidence span (its id is derived from doc and offsets)."""
        return self.node(
            "Passage",
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
        a, b = self.nodes.pop(short), self.nodes[full]
        b.aliases |= a.aliases | {a.name}
        b.evidence.update(a.evidence)
        for key in list(self.rels):
            if short in (key[1], key[2]):
                new = (
                    key[0],
                    full if key[1] == short else key[1],
                    full if key[2] == short else key[2],
                )
                props = self.rels.pop(key)
                evs = self.rel_evidence.pop(key, {})
                if new[1] == new[2]:
                    continue
                self.rels.setdefault(new, {}).update(props)
                self.rel_evidence.setdefault(new, {}).update(evs)

    def records(self) -> list[Record]:
        self._passages_for_all_evidence()
        out: list[Record] = []
        # The Document record comes first: it opens the document's group in JSON Lines.
        order = sorted(self.nodes, key=lambda k: (not k.startswith("Document:"), k))
        for node_key in order:
            ent = self.nodes[node_key]
            out.append(
                NodeRecord(
                    label=ent.label,
                    id=node_key,
                    name=ent.name,
                    aliases=sorted(ent.aliases),
                    properties=dict(sorted(ent.properties.items())),
                    evidence=[ent.evidence[k] for k in sorted(ent.evidence)],
                )
            )
        for key in sorted(self.rels):
            evs = self.rel_evidence.get(key, {})
            out.append(
                RelationshipRecord(
                    type=key[0],
                    start=key[1],
                    end=key[2],
                    properties=dict(sorted(self.rels[key].items())),
                    evidence=[evs[k] for k in sorted(evs)],
                )
            )
        return out


def province_of_document(st: Structure, g: Gazetteer) -> str | None:
    """The province whose bodies a bare 省 prefix names: from the issuer or plan titles."""
    candidates = []
    if st.header.issuer:
        candidates.append(st.header.issuer[2])
    candidates += [p.title for p in st.plans] + [p[2] for p in st.header.published]
    for text in candidates:
        for length in range(min(8, len(text)), 1, -1):
            canon = g.place_alias.get(text[:length])
            if canon and g.places[canon].level == "province":
                return canon
    return None


def city_of_document(st: Structure, g: Gazetteer) -> str | None:
    """The city (or county) whose bodies a bare 市 prefix names: a city-level issuer or
    plan title (哈尔滨市人民政府办公厅 → 哈尔滨市)."""
    candidates = [st.header.issuer[2]] if st.header.issuer else []
    candidates += [p.title for p in st.plans]
    for text in candidates:
        for length in range(min(8, len(text)), 1, -1):
            canon = g.place_alias.get(text[:length])
            if canon and g.places[canon].level in ("city", "county", "district"):
                return canon
            if canon:
                break
    return None


def plan_industry(title: str, province: str | None) -> str | None:
    core = title
    if province and core.startswith(province):
        core = core[len(province) :]
    core = re.sub(r"^[\u4e00-\u9fff]{2,3}省", "", core) if not province else core
    core = core.removeprefix("关于")
    m = PLAN_INDUSTRY.match(core)
    if not m:
        return None
    name = re.sub(r"^(?:加快培育|培育|发展)", "", m.group(1))
    return None if name in GENERIC_INDUSTRIES or len(name) < 2 else name


class Extractor:
    """Extracts one document at a time; `aliases` carries run-wide definitions."""

    def __init__(self, aliases: dict[str, tuple[str, str]] | None = None) -> None:
        self.g = gazetteer()
        self.aliases = dict(aliases or {})

    # -- definitions (pre-pass) -----------------------------------------------------
    def definitions(self, src: SourceText) -> dict[str, tuple[str, str]]:
        """（以下简称X） definitions: X → (canonical name, label) of the name before it.

        Only the sentences that contain 简称 are examined (no structure parse): this pass
        runs over every document of a run before extraction starts.
        """
        if "简称" not in src.text:
            return {}
        norm = normalise(src.text)
        text = norm.text
        province = None
        head = text[:400]
        for canon, place in self.g.places.items():
            if place.level == "province" and canon in head:
                province = canon
                break
        finder = SentenceMentions(self.g, province, {})
        found: dict[str, tuple[str, str]] = {}
        for m in DEFINITION.finditer(text):
            start = max(text.rfind(c, 0, m.start()) for c in "。;\n") + 1
            sentence = text[start : m.start()]
            mentions = finder.find(sentence, start)
            before = [x for x in mentions if x.end == m.start() and x.label != "Place"]
            if before:
                found[m.group(1)] = (before[0].name, before[0].label)
        return found

    # -- extraction -------------------------------------------------------------------
    def extract(self, src: SourceText) -> list[Record]:
        norm = normalise(src.text)
        st = parse(norm)
        g = self.g
        province = province_of_document(st, g)
        doc = src.doc_id
        graph = DocumentGraph(doc)
        finder = SentenceMentions(g, province, self.aliases, city=city_of_document(st, g))

        def ev(start: int, end: int) -> Evidence:
            s, e = norm.span(start, end)
            return Evidence(doc=doc, start=s, end=e, text=src.text[s:e])

        # Document, plans, industries of plans.
        titles = [p.title for p in st.plans] or [
            PERIOD_STRIP.sub("", t) for _s, _e, t in st.header.published
        ]
        # A notice publishing several plans is named after the first and their number.
        title = (
            Path(src.path).stem
            if not titles
            else titles[0]
            if len(titles) == 1
            else f"{titles[0]}等{len(titles)}个文件"
        )
        doc_key = graph.node(
            "Document",
            doc,
            None,
            node_key=f"Document:{doc}",
            title=title,
            issuer=st.header.issuer[2] if st.header.issuer else None,
            issued_on=st.header.issued_on,
            doc_number=st.header.doc_number,
            source=Path(src.path).name,
            sha256=src.sha256,
        )
        graph.nodes[doc_key].name = title
        if st.header.issuer:
            s, e, issuer = st.header.issuer
            found = finder.find(issuer, s)
            dept = next((m for m in found if m.label == "Department" and m.end == e), None)
            name = dept.name if dept else issuer
            key = graph.node("Department", name, ev(s, e), aliases=[issuer])
            graph.rel("ISSUED_BY", doc_key, key, ev(s, e))
        plan_keys: list[str] = []
        plan_industries: list[str | None] = []
        for plan in st.plans:
            key = graph.node(
                "Plan", plan.title, ev(plan.start, plan.end), title=plan.title, period=plan.period
            )
            plan_keys.append(key)
            graph.rel("PUBLISHES", doc_key, key, ev(plan.start, plan.end))
            industry = plan_industry(plan.title, province)
            plan_industries.append(industry)
            if industry:
                ikey = graph.node(
                    "Industry", industry, ev(plan.start, plan.end), aliases=[industry + "产业"]
                )
                graph.rel("CONCERNS", key, ikey, ev(plan.start, plan.end))
        if not st.plans:
            for s, e, t in st.header.published:
                key = graph.node("Plan", PERIOD_STRIP.sub("", t), ev(s, e), title=t)
                plan_keys.append(key)
                plan_industries.append(plan_industry(t, province))
                graph.rel("PUBLISHES", doc_key, key, ev(s, e))

        def plan_of(index: int | None) -> str | None:
            if index is None:
                return plan_keys[0] if len(plan_keys) == 1 else None
            return plan_keys[index] if index < len(plan_keys) else None

        def industry_of(index: int | None) -> str | None:
            if index is None:
                return plan_industries[0] if len(plan_industries) == 1 else None
            return plan_industries[index] if index < len(plan_industries) else None

        # Clusters first (headings name them; sentences refer back by place prefix).
        clusters = self._clusters(st, norm, graph, ev)
        finder.generic = {i for i in plan_industries if i} | {
            c[1] for c in clusters.values() if c[1]
        }

        # Tasks: headings, and annex table rows.
        heading_tasks: dict[int, str] = {}

        def task_for(plan_index: int | None, path: tuple[Heading, ...]) -> str | None:
            if not path:
                return None
            h = path[-1]
            if h.level == 1 and len(path) == 1 and not h.title:
                return None
            key = heading_tasks.get(h.start)
            if key is None:
                key = f"Task:{doc}:{h.start}"
                graph.node(
                    "Task",
                    h.title or h.label,
                    ev(h.start, h.end),
                    node_key=key,
                    text=h.title,
                    section=" / ".join(x.label + x.title for x in path),
                )
                heading_tasks[h.start] = key
                pkey = plan_of(plan_index)
                if pkey:
                    graph.rel("HAS_TASK", pkey, key, ev(h.start, h.end))
                for x in path:
                    ckey = self._cluster_in(x.title, clusters)
                    if ckey:
                        graph.rel("CONCERNS", key, ckey, ev(h.start, h.end))
            return key

        # Sentences: mentions, prose roles, relations, targets.
        for sent in st.sentences:
            self._sentence(sent, finder, graph, ev, plan_of, industry_of, clusters, task_for)

        # Annex rows name the prose task they assign (often by its heading's title):
        # index headings by loose title, keeping every heading that shares a title.
        title_index: dict[str, list[tuple[int | None, tuple[Heading, ...]]]] = {}
        for plan_idx, path in st.headings:
            if path:
                key = _loose(path[-1].title)
                title_index.setdefault(key, []).append((plan_idx, path))
        for table in st.tables:
            for row in table_tasks(table):
                self._task_row(
                    row,
                    table.plan,
                    title_index,
                    graph,
                    ev,
                    finder,
                    clusters,
                    plan_of,
                    task_for,
                    doc,
                )
        self._merge_short_forms(graph)
        self._link_projects(graph)
        return graph.records()

    def _link_projects(self, graph: DocumentGraph) -> None:
        """飞鹤奶山羊乳品加工项目 is undertaken by 飞鹤: a project whose name starts with an
        enterprise's name (or one of its forms) named in the same document."""
        forms: list[tuple[str, str]] = []
        for key, ent in graph.nodes.items():
            if ent.label == "Enterprise":
                forms += [(f, key) for f in {ent.name, *ent.aliases} if len(f) >= 2]
        forms.sort(key=lambda f: -len(f[0]))
        for key, ent in list(graph.nodes.items()):
            if ent.label != "Project":
                continue
            owner = next((k for f, k in forms if ent.name.startswith(f)), None)
            if owner and not any(r[0] == "UNDERTAKES" and r[2] == key for r in graph.rels):
                ev = next(iter(ent.evidence.values()), None)
                graph.rel("UNDERTAKES", owner, key, ev)

    def _merge_short_forms(self, graph: DocumentGraph) -> None:
        """蓝谷食品 (a brand in a 重点企业 list) and 黑龙江蓝谷食品有限公司 in the same
        document are one enterprise: merge a short name into the one full legal name
        that extends it (after any leading place)."""
        enterprises = [k for k, e in graph.nodes.items() if e.label == "Enterprise"]
        full = {
            k: (graph.nodes[k].name, self._strip_place(graph.nodes[k].name))
            for k in enterprises
            if graph.nodes[k].name.endswith(LEGAL_SUFFIXES)
        }
        for key in enterprises:
            if key in full or key not in graph.nodes:
                continue
            short = graph.nodes[key].name
            core = self._strip_place(short)
            if len(core) < 2:
                continue
            targets = [
                f
                for f, (name, stripped) in full.items()
                if f in graph.nodes and (name.startswith(short) or stripped.startswith(core))
            ]
            if len(targets) == 1:
                graph.merge(key, targets[0])

    def _strip_place(self, name: str) -> str:
        for n in range(min(8, len(name) - 1), 1, -1):
            if name[:n] in self.g.place_alias:
                return name[n:]
        return name

    # -- pieces -----------------------------------------------------------------------
    def _clusters(
        self, st: Structure, norm: NormalisedText, graph: DocumentGraph, ev: object
    ) -> dict[str, tuple[str, str | None, tuple[str, ...]]]:
        """Named clusters: '<place>[-<place>]<industry>产业集群'. Returns key → (node
        key, industry, places) for every cluster, keyed by name and by place prefix."""
        out: dict[str, tuple[str, str | None, tuple[str, ...]]] = {}
        g = self.g
        for sent in st.sentences:
            for m in CLUSTER.finditer(sent.text):
                body = m.group(1)
                body = re.split(r"[,、;。:()“”的和与及]|依托|打造|建设|发展|培育", body)[-1]
                places: list[str] = []
                rest = body
                while rest:
                    hit = next(
                        (
                            rest[:n]
                            for n in range(min(8, len(rest)), 1, -1)
                            if rest[:n] in g.place_alias
                        ),
                        None,
                    )
                    if hit is None:
                        break
                    places.append(g.place_alias[hit])
                    rest = rest[len(hit) :].lstrip("-")
                if not places or (len(places) == 1 and g.places[places[0]].level == "province"):
                    continue
                industry = rest or None
                prefix = body[: len(body) - len(rest)].rstrip("-")
                name = body + "产业集群"
                if industry is None:
                    # 哈尔滨-大庆产业集群: a short reference to a named cluster.
                    continue
                start = sent.start + m.start(1) + (len(m.group(1)) - len(body))
                evidence = ev(start, sent.start + m.end())  # type: ignore[operator]
                short = prefix + "产业集群" if len(places) > 1 else None
                key = graph.node("Cluster", name, evidence, aliases=[short] if short else [])
                ikey = graph.node("Industry", industry, evidence, aliases=[industry + "产业"])
                graph.rel("IN_INDUSTRY", key, ikey, evidence)
                for place in places:
                    # A place inside a name is a LOCATED_IN fact, not a mention of it.
                    pkey = self._place(graph, place, None)
                    graph.rel("LOCATED_IN", key, pkey, evidence)
                out[name] = (key, industry, tuple(places))
                if short:
                    out[short] = (key, industry, tuple(places))
        return out

    def _cluster_in(
        self, text: str, clusters: dict[str, tuple[str, str | None, tuple[str, ...]]]
    ) -> str | None:
        for name, (key, _i, _p) in clusters.items():
            if name in text:
                return key
        return None

    def _place(self, graph: DocumentGraph, place: str, evidence: Evidence | None) -> str:
        key = graph.node(
            "Place",
            place,
            evidence,
            level=self.g.places[place].level if place in self.g.places else None,
        )
        child = place
        while child in self.g.places and self.g.places[child].parent:
            parent = self.g.places[child].parent
            assert parent is not None
            if parent not in self.g.places:
                break
            pkey = graph.node("Place", parent, None, level=self.g.places[parent].level)
            graph.rel("PART_OF", node_id("Place", child), pkey)
            child = parent
        return key

    def _sentence(
        self,
        sent: Sentence,
        finder: SentenceMentions,
        graph: DocumentGraph,
        ev: object,
        plan_of: object,
        industry_of: object,
        clusters: dict[str, tuple[str, str | None, tuple[str, ...]]],
        task_for: object,
    ) -> None:
        mentions = finder.find(sent.text, sent.start)
        evidence: Evidence = ev(sent.start, sent.end)  # type: ignore[operator]
        passage = evidence.passage_id
        keys: dict[int, str] = {}
        for i, m in enumerate(mentions):
            key = self._mention_node(graph, m, evidence)
            keys[i] = key
        if mentions:
            graph.passage(evidence)
            for key in sorted(set(keys.values())):
                graph.rel("MENTIONS", passage, key, evidence)
        plan_key = plan_of(sent.plan)  # type: ignore[operator]
        cluster = next(
            (
                self._cluster_in(h.title, clusters)
                for h in reversed(sent.path)
                if self._cluster_in(h.title, clusters)
            ),
            None,
        )
        cluster_industry = (
            next((v[1] for k, v in clusters.items() if v[0] == cluster), None) if cluster else None
        )
        industry = cluster_industry or industry_of(sent.plan)  # type: ignore[operator]
        industry_key = node_id("Industry", industry) if industry else None
        if industry_key and industry_key not in graph.nodes:
            graph.node("Industry", industry, evidence)

        # Organisations: support, activity, projects, collaborations.
        text = sent.text
        for i, m in enumerate(mentions):
            key = keys[i]
            local = m.start - sent.start
            if m.label in ORG_LABELS:
                how = self._support_how(text, local)
                if how and plan_key:
                    graph.rel("SUPPORTS", plan_key, key, evidence, how=how)
                if industry_key and m.label != "Platform":
                    graph.rel("ACTIVE_IN", key, industry_key, evidence)
            if m.label == "Project":
                if plan_key:
                    graph.rel("INCLUDES", plan_key, key, evidence)
                if industry_key:
                    graph.rel("IN_INDUSTRY", key, industry_key, evidence)
                for j, other in enumerate(mentions):
                    if other.label in ORG_LABELS | {"Department"} and (
                        m.start <= other.start and other.end <= m.end
                    ):
                        graph.rel("UNDERTAKES", keys[j], key, evidence)
        for a, b in self._collaborations(text, sent.start, mentions):
            graph.rel("COLLABORATES_WITH", keys[a], keys[b], evidence)

        # Prose roles (（X牵头，Y配合）, 由X牵头, 联席会议办公室设在X …).
        spans = prose_roles(text)
        if spans:
            task = task_for(sent.plan, sent.path)  # type: ignore[operator]
            if task:
                for role, s, e in spans:
                    units = [
                        (i, m)
                        for i, m in enumerate(mentions)
                        if sent.start + s <= m.start
                        and m.end <= sent.start + e
                        and m.label
                        in (
                            "Department",
                            "Enterprise",
                            "Platform",
                            "ResearchInstitute",
                            "University",
                        )
                    ]
                    rtypes = unit_roles(
                        role, [(m.start, m.end) for _i, m in units], text, sent.start
                    )
                    for (i, _m), rtype in zip(units, rtypes, strict=True):
                        graph.rel(rtype, keys[i], task, evidence)

        # Targets.
        for t in find_targets(text):
            subject = cluster or industry_key or plan_key
            for ckey, _cind, _p in clusters.values():
                if any(name in text for name in clusters if clusters[name][0] == ckey):
                    subject = ckey
                    break
            if subject is None:
                continue
            tev = evidence
            tkey = f"Target:{graph.doc}:{tev.start + t.start}-{tev.start + t.end}"
            graph.node(
                "Target",
                f"{t.metric} {t.comparator or ''}{t.value:g}{t.unit}",
                tev,
                node_key=tkey,
                metric=t.metric,
                value=t.value,
                unit=t.unit,
                year=t.year,
                comparator=t.comparator,
                subject=graph.nodes[subject].name if subject in graph.nodes else None,
                plan=graph.nodes[plan_key].name if plan_key in graph.nodes else None,
            )
            graph.rel("HAS_TARGET", subject, tkey, tev)

    def _mention_node(self, graph: DocumentGraph, m: Mention, evidence: Evidence) -> str:
        if m.label == "Place":
            return self._place(graph, m.name, evidence)
        status = None
        if m.label == "Project":
            status = next((v for w, v in STATUS_WORDS if w in evidence.text), None)
        # Forms the gazetteer knows (哈工大 for 哈尔滨工业大学) are aliases even where this
        # document does not use them: they are how users will ask.
        aliases = (*m.aliases, *sorted(self.g.known_aliases.get(m.name, ())))
        key = graph.node(m.label, m.name, evidence, aliases=aliases, status=status)
        if m.label != "Department":
            for place in self._places_in(m.name):
                graph.rel("LOCATED_IN", key, self._place(graph, place, None), evidence)
        return key

    def _places_in(self, name: str) -> list[str]:
        """The most specific place a name starts with (哈尔滨工业大学 → 哈尔滨市)."""
        for n in range(min(8, len(name) - 1), 1, -1):
            canon = self.g.place_alias.get(name[:n])
            if canon:
                rest = name[n:]
                inner = next(
                    (
                        self.g.place_alias[rest[:k]]
                        for k in range(min(8, len(rest)), 1, -1)
                        if rest[:k] in self.g.place_alias
                        and self.g.places.get(self.g.place_alias[rest[:k]]) is not None
                        and self.g.places[self.g.place_alias[rest[:k]]].parent == canon
                    ),
                    None,
                )
                return [inner or canon]
        return []

    def _support_how(self, text: str, pos: int) -> str | None:
        """The trigger verb governing a name: the nearest one before it in its clause."""
        m = SUPPORT_IN_CLAUSE.match(text, 0, pos)
        return SUPPORT_BY_WORD[m.group(1)] if m else None

    def _collaborations(
        self, text: str, offset: int, mentions: list[Mention]
    ) -> list[tuple[int, int]]:
        """X与Y(、Z)合作/共建/联合…: X with each of Y, Z. The verb must stand outside the
        names (联合 in 国家地方联合工程研究中心 is not one), in the clause or opening the
        next one (依托X与Y,合作开发…)."""
        if not COLLAB.search(text):
            return []
        masked = list(text)
        for m in mentions:
            for i in range(m.start - offset, m.end - offset):
                masked[i] = "#"
        plain = "".join(masked)
        pairs: list[tuple[int, int]] = []
        for clause in re.finditer(r"[^,;。]+", plain):
            following = plain[clause.end() + 1 : clause.end() + 5]
            if not COLLAB.search(clause.group(0)) and not COLLAB.match(following):
                continue
            inside = [
                i
                for i, m in enumerate(mentions)
                if m.label in ORG_LABELS
                and offset + clause.start() <= m.start
                and m.end <= offset + clause.end()
            ]
            for pos, left in enumerate(inside):
                after = inside[pos + 1 :]
                if not after:
                    continue
                first = mentions[after[0]]
                if text[mentions[left].end - offset : first.start - offset] not in (
                    "与",
                    "和",
                    "同",
                ):
                    continue
                partners = [after[0]]
                for nxt in after[1:]:
                    prev = mentions[partners[-1]]
                    if text[prev.end - offset : mentions[nxt].start - offset] in ("、", "和", "及"):
                        partners.append(nxt)
                    else:
                        break
                pairs += [(left, p) for p in partners]
        return pairs

    def _task_row(
        self,
        row: object,
        plan_index: int | None,
        title_index: dict[str, list[tuple[int | None, tuple[Heading, ...]]]],
        graph: DocumentGraph,
        ev: object,
        finder: SentenceMentions,
        clusters: dict[str, tuple[str, str | None, tuple[str, ...]]],
        plan_of: object,
        task_for: object,
        doc: str,
    ) -> None:
        from ingest.roles import TaskRow

        assert isinstance(row, TaskRow)
        row_ev: Evidence = ev(*row.row_span)  # type: ignore[operator]
        match = _heading_for_row(row.task, row.groups, title_index)
        task = None
        if match is not None:
            task = task_for(match[0], match[1])  # type: ignore[operator]
        if task is None:
            task = f"Task:{doc}:row{row.number or row.row_span[0]}"
            graph.node(
                "Task",
                row.task,
                row_ev,
                node_key=task,
                text=row.task,
                section=" / ".join([*row.groups, row.task]),
            )
        graph.nodes[task].properties["number"] = row.number
        graph.nodes[task].evidence[(row_ev.start, row_ev.end)] = row_ev
        pkey = plan_of(plan_index)  # type: ignore[operator]
        if pkey:
            graph.rel("HAS_TASK", pkey, task, row_ev)
        for text in [*row.groups, row.task]:
            ckey = self._cluster_in(text, clusters)
            if ckey:
                graph.rel("CONCERNS", task, ckey, row_ev)
        for cell in row.roles:
            mentions = finder.find(cell.text, cell.start)
            units = [
                m
                for m in mentions
                if m.label
                in ("Department", "Enterprise", "ResearchInstitute", "University", "Platform")
            ]
            rtypes = unit_roles(cell.role, [(m.start, m.end) for m in units], cell.text, cell.start)
            for m, rtype in zip(units, rtypes, strict=True):
                key = self._mention_node(graph, m, row_ev)
                graph.rel(rtype, key, task, row_ev)


PERIOD_STRIP = re.compile(r"\(\d{4}\s*-\s*\d{4}年?\)")


def _heading_for_row(
    task: str,
    groups: list[str],
    title_index: dict[str, list[tuple[int | None, tuple[Heading, ...]]]],
) -> tuple[int | None, tuple[Heading, ...]] | None:
    """The prose heading an annex row assigns: same title, and when several headings share
    it (推进重点项目建设 under every cluster), the one under the row's group."""
    candidates = title_index.get(_loose(task), [])
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


def _loose(text: str) -> str:
    return re.sub(r"[,、;。\s]", "", text)


def extract_sources(sources: list[SourceText]) -> Iterator[tuple[SourceText, list[Record]]]:
    """Extract several documents with run-wide alias definitions."""
    base = Extractor()
    aliases: dict[str, tuple[str, str]] = {}
    for src in sources:
        for alias, value in base.definitions(src).items():
            aliases.setdefault(alias, value)
    extractor = Extractor(aliases)
    for src in sources:
        yield src, extractor.extract(src)
