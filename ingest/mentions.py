"""Mentions: spans of a sentence that name an entity, with a type and a canonical name.

Each finder is a function `(ctx, sentence) -> list[Mention]` that reads nothing but its
arguments; `find_mentions` runs them all and `dedupe.resolve_overlaps` keeps one
mention per span. Finders, strongest first: gazetteer matches (departments,
organisations, places), the department pattern (optional place or 省 prefix + a stem
such as 发改委, distributed over lists), lists after 重点企业/重点项目, quoted names, and
organisation names found by their suffix with a left boundary from jieba's tokens.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property

from ingest.dedupe import resolve_overlaps
from ingest.gazetteer import Hit
from ingest.kinds import Label, Source
from ingest.lexicon import Lexicon
from ingest.mention import Mention
from ingest.names import (
    NAME_TAGS,
    ORDINARY_TAGS,
    PUNCT,
    SLOGAN,
    ClauseTokens,
    Token,
    edges_free,
    name_start,
    proper,
    specific,
)

TITLE_SPANS = re.compile(r"《[^》]*》|^附件[:\d.、]*.*$|^[^,;。]*(?:表|目录|清单)$")
CLUSTER_AFTER = re.compile(r"[-\u4e00-\u9fff]{0,20}?产业集群")
PREFIXED_DEPARTMENT = re.compile(
    r"(?:^|(?<=[,、;:()和及与]))(?P<name>(?P<prefix>自治区|[省市县区州旗盟])(?P<body>[\u4e00-\u9fff]{2,20}?)"
    r"(?:管理委员会|委员会|办公室|管委会|总局|局|厅|委|办))(?=$|[,、;:()。等]|牵头|配合|负责)"
)
#: How a prefixed body's name ends: a cheap test before PREFIXED_DEPARTMENT.
PREFIXED_TAIL = re.compile(r"[局厅委办室会](?:$|[,、;:()。等]|牵头|配合|负责)")
PARTY_COMMITTEE = re.compile(
    r"(?P<name>(?P<prefix>自治区|[省市县区州旗盟])党?委)"
    r"(?=$|[,、;:()。和及与]|[省市县区州旗盟]政府|[省市县区州旗盟]人民政府)"
)
CITY_GOVERNMENT_LIST = re.compile(
    r"((?:[\u4e00-\u9fff]{2,8}[市县区]、)+)[\u4e00-\u9fff]{2,8}[市县区](?:人民)?政府"
)
CITED = re.compile(r"《[^《》]*》")
#: Closing quotes are sometimes typed as ASCII (“蒙速办"): the genre mixes them.
QUOTED = re.compile(r"“([^“”\"]{2,20})[”\"]")
NUMBERED_INSTITUTE = re.compile(r"(?<![\d.])(\d{2,4})所")
KEY_PROJECTS = re.compile(r"重点项目(?:\([^)]*\))?:")

#: A suffix right after one of these ends no name (、平台 / 的中心): skip the jieba walk.
NO_NAME_BEFORE = frozenset(" \t,.;:!?()、。“”《》的和与及等各")
PLACE_ENDS = ("市", "省", "区", "县", "州", "盟", "旗")

#: A gazetteer hit: (start, end, surface, ((kind, canonical), ...)).
Match = Hit[tuple[tuple[str, str], ...]]


@dataclass(frozen=True)
class MentionContext:
    """What a finder may know beyond the sentence: the lexicon, the document's
    jurisdiction (the province a bare 省 names, the city a bare 市 names), the run's
    （以下简称） definitions, and the document's industry words (not names)."""

    lexicon: Lexicon
    province: str | None = None
    city: str | None = None
    defined: Mapping[str, tuple[str, Label]] = field(default_factory=dict)
    generic: frozenset[str] = frozenset()
    county: str | None = None  # the county or district a bare 县/区 names
    central: bool = False  # a central document: bare stems name national bodies
    #: jieba cuts of the document's clauses (see ClauseTokens.cuts): one dict per document
    cuts: dict[str, list[Token]] = field(default_factory=dict, compare=False, repr=False)

    def home(self, prefix: str) -> str | None:
        """The body of the jurisdiction a bare prefix names (省 → the province …)."""
        county, city = self.county or "", self.city or ""
        if prefix == "省":
            return self.province
        if prefix == "自治区":
            return self.province if (self.province or "").endswith("自治区") else None
        if prefix == "市":
            return county if county.endswith("市") else self.city
        if prefix in ("县", "旗"):
            return county if county.endswith(("县", "旗")) else None
        if prefix == "区":
            return county if county.endswith("区") else None
        if prefix in ("州", "盟"):
            return city if city.endswith(prefix) else None
        return None

    @property
    def place_initials(self) -> frozenset[str]:
        """First characters of the province's short place names (a 2-character unknown
        token starting with one is probably a place-prefixed brand)."""
        return self.lexicon.place_initials.get(self.province or "", frozenset())

    def place(self, surface: str) -> str | None:
        """The place a surface names in this document (see Lexicon.resolve_place)."""
        return self.lexicon.resolve_place(surface, self.city, self.province)

    @cached_property
    def project_pattern(self) -> re.Pattern[str]:
        words = sorted(self.lexicon.ordered["project_suffixes"], key=len, reverse=True)
        return re.compile("|".join(re.escape(w) for w in words))

    @cached_property
    def branch_pattern(self) -> re.Pattern[str]:
        lx = self.lexicon
        heads = "|".join(sorted(lx.ordered["branch_heads"], key=len, reverse=True))
        branches = "|".join(sorted(lx.ordered["branch_suffixes"], key=len, reverse=True))
        return re.compile(
            rf"(?P<head>{heads})(?P<place>[\u4e00-\u9fff]{{2,8}}?)(?P<branch>{branches})"
        )

    @cached_property
    def enterprise_branch_pattern(self) -> re.Pattern[str]:
        rows = self.lexicon.enterprise_branches
        heads = "|".join(sorted({re.escape(h) for h, _t in rows}, key=len, reverse=True))
        tails = "|".join(sorted({re.escape(t) for _h, t in rows}, key=len, reverse=True))
        return re.compile(
            rf"(?P<head>{heads})(?P<place>[\u4e00-\u9fff]{{2,6}}?)(?P<tail>{tails})(?![\u4e00-\u9fff]{{0,1}}公司)"
        )

    @cached_property
    def key_list(self) -> re.Pattern[str]:
        heads = "|".join(self.lexicon.ordered["key_list_heads"])
        return re.compile(rf"(?:{heads})(?:\([^)]*\))?:")


@dataclass
class Sentence:
    """A finder's input: the text and its offset in the document's working copy."""

    text: str
    offset: int
    matches: list[Match]
    tokens: ClauseTokens


def sentence_of(ctx: MentionContext, text: str, offset: int) -> Sentence:
    matches = ctx.lexicon.gazetteer.find(text)
    return Sentence(text, offset, matches, ClauseTokens(text, ctx.lexicon, cuts=ctx.cuts))


def _listed(s: Sentence, start: int, end: int, surface: str, label: Label, canon: str) -> Mention:
    """A mention found in a gazetteer: its surface is an alias of the canonical name."""
    return Mention(
        s.offset + start,
        s.offset + end,
        surface,
        label,
        canon,
        Source.GAZETTEER,
        aliases=(surface,),
    )


def place_ending_at(ctx: MentionContext, text: str, end: int) -> tuple[int, str] | None:
    """A place name (or alias) ending at `end`: (start, canonical)."""
    for length in range(min(10, end), 1, -1):
        canon = ctx.place(text[end - length : end])
        if canon:
            return end - length, canon
    return None


def _at_home(ctx: MentionContext, place: str) -> bool:
    """A county or district prefix (和县 in 县商务局和县工信局) must lie in the
    document's province when the province is known; higher places may be anywhere."""
    lx = ctx.lexicon
    if lx.places[place].level not in ("county", "district") or not ctx.province:
        return True
    return lx.within(place, ctx.province)


BARE_PREFIXES = ("自治区", "省", "市", "县", "区", "州", "旗", "盟")


def _bounded(text: str, pos: int) -> bool:
    """Nothing word-like before pos: the start, punctuation, or a list word."""
    return pos == 0 or not ("\u4e00" <= text[pos - 1] <= "\u9fff") or text[pos - 1] in "和及与"


def bare_prefix(ctx: MentionContext, text: str, start: int) -> tuple[str, int] | None:
    """A bare jurisdiction prefix right before `start` (省发改委, 县商务局, 自治区审计厅):
    (the body of the jurisdiction it names, where the prefix starts). 省 and 市 are read
    as before; the others only after a boundary (地区, 城区 are words)."""
    for word in BARE_PREFIXES:
        at = start - len(word)
        if at < 0 or text[at:start] != word:
            continue
        home = ctx.home(word)
        if home is None:
            continue
        if word in ("省", "市") or _bounded(text, at):
            return home, at
    return None


def collective(lx: Lexicon, name: str) -> bool:
    """省各委办厅局, 省直有关部门, 市政府所属部门: collectives, not one body."""
    return any(w in name for w in lx.ordered["collective_words"])


# -- finders ----------------------------------------------------------------------------
def find_stem_departments(ctx: MentionContext, s: Sentence) -> list[Mention]:
    """A place, 国家, or a bare 省/市 prefix + a department stem (发改委); the prefix of the
    previous body carries over a list (省发改委、工信委 → 省工信委)."""
    text = s.text
    out: list[Mention] = []
    # (end, prefix, bare prefix word) of the previous body: 省发改委、工信委 → 省工信委
    last_prefixed: tuple[int, str, str] | None = None
    stem_spans = sorted((a, b) for a, b, _k, v in s.matches if any(kind == "stem" for kind, _ in v))
    longest = max((b - a for a, b in stem_spans), default=0)
    for start, end, _surface, values in s.matches:
        stem = next((v for kind, v in values if kind == "stem"), None)
        if stem is None:
            continue
        # Longest stem ending here only (发展改革委 rather than 改革委); stems are short,
        # so only spans starting a little before this one can contain it (linear on a
        # long line, not quadratic).
        lo = bisect_left(stem_spans, (start - longest, -1))
        hi = bisect_right(stem_spans, (start, len(text) + 1))
        if any(b >= end and (b - a) > (end - start) for a, b in stem_spans[lo:hi]):
            continue
        prefix: str | None = None
        pstart = start
        if start >= 2 and text[start - 2 : start] == "国家":
            prefix, pstart = "国家", start - 2
        else:
            place = place_ending_at(ctx, text, start)
            if place and not _at_home(ctx, place[1]):
                place = None  # 局长和县工信局 in a Jilin county: 和 + 县工信局
            surface = text[place[0] : start] if place else ""
            # A full place name (…市, …区) or a city without its 市 (哈尔滨发改委).
            if place and (surface.endswith(PLACE_ENDS) or surface == place[1].rstrip("市省")):
                prefix, pstart = place[1], place[0]
            elif bare := bare_prefix(ctx, text, start):
                prefix, pstart = bare
        if prefix is None and last_prefixed is not None:
            gap = text[last_prefixed[0] : start]
            # 省发改委(数据管理局)、工信厅: a bracketed body in the list keeps the prefix too
            if gap and all(ch in "、,和及与()" for ch in gap) and stem != "人民政府":
                prefix = last_prefixed[1]
        if prefix is None and ctx.central and _bounded(text, start):
            # 发展改革委 in the State Council's documents, wherever it stands in a list
            # (…发展改革委、农业农村部、商务部、国资委: not only the first bare stem)
            prefix = "国家"
        if prefix is None or (stem == "人民政府" and prefix == "国家"):
            continue
        surface = text[pstart:end]
        alias = surface
        if pstart == start and last_prefixed is not None and last_prefixed[2]:
            alias = last_prefixed[2] + surface  # 省发改委、工信委 → 省工信委
        name = prefix + stem
        if prefix == "国家" and pstart == start:
            # A bare stem in a central document: the national body of that name
            # (国资委 → 国务院国有资产监督管理委员会 by its listed form 国务院国资委).
            name = next(
                (
                    ctx.lexicon.departments[f]
                    for f in ("国家" + surface, "国务院" + surface)
                    if f in ctx.lexicon.departments
                ),
                name,
            )
        out.append(
            Mention(
                s.offset + pstart,
                s.offset + end,
                surface,
                Label.DEPARTMENT,
                name,
                Source.DEPARTMENT_STEM,
                aliases=(alias,),
            )
        )
        bare_word = text[pstart:start] if pstart < start and ctx.home(text[pstart:start]) else ""
        if pstart == start and last_prefixed is not None:
            bare_word = last_prefixed[2]
        elif not bare_word:
            bare_word = "省" if prefix == ctx.province else "市" if prefix == ctx.city else ""
        last_prefixed = (end, prefix, bare_word)
    return out


def find_prefixed_departments(ctx: MentionContext, s: Sentence) -> list[Mention]:
    """省营商环境建设监督局, 市乡村振兴局: bodies whose stem no gazetteer lists, named
    with a bare 省/市 prefix in a list or a role cell (bounded by punctuation)."""
    out: list[Mention] = []
    if not PREFIXED_TAIL.search(s.text):
        return out  # the pattern's lazy body is tried at every 省/市/区… otherwise
    for m in PREFIXED_DEPARTMENT.finditer(s.text):
        prefix, body = m.group("prefix"), m.group("body")
        home = ctx.home(prefix)
        if home is None or body.startswith("场") or collective(ctx.lexicon, body):
            continue
        if ctx.lexicon.trigger_pattern.search(body):
            continue  # 省政府办公厅会同省工信厅: two bodies and a verb
        name = m.group("name")
        out.append(
            Mention(
                s.offset + m.start("name"),
                s.offset + m.end("name"),
                name,
                Label.DEPARTMENT,
                home + name[len(prefix) :],
                Source.DEPARTMENT_SUFFIX,
                aliases=(name,),
            )
        )
    return out


def find_branch_bodies(ctx: MentionContext, s: Sentence) -> list[Mention]:
    """A national body's branch in a place (中国人民银行福建省分行, 国家金融监督管理总局
    苏州监管分局, 人行石家庄中心支行): a Department named head + place + branch."""
    out = []
    for m in ctx.branch_pattern.finditer(s.text):
        place = ctx.place(m.group("place"))
        if place is None:
            continue
        head = ctx.lexicon.departments.get(m.group("head"), m.group("head"))
        name = head + place + m.group("branch")
        out.append(_whole_match(s, m, Label.DEPARTMENT, name, Source.DEPARTMENT_SUFFIX))
    return out


def _whole_match(s: Sentence, m: re.Match[str], label: Label, name: str, source: Source) -> Mention:
    """A mention of the whole regex match, its surface an alias of the name."""
    return Mention(
        s.offset + m.start(), s.offset + m.end(), m.group(0), label, name, source, (m.group(0),)
    )


def find_enterprise_branches(ctx: MentionContext, s: Sentence) -> list[Mention]:
    """国网重庆电力 → 国网重庆市电力公司: an enterprise with a company per province or city,
    named head + place + tail (data/enterprise_branches.tsv)."""
    out = []
    for m in ctx.enterprise_branch_pattern.finditer(s.text):
        place = ctx.place(m.group("place"))
        if place is None:
            continue
        full = ctx.lexicon.enterprise_branches[m.group("head"), m.group("tail")]
        name = m.group("head") + place + full
        out.append(_whole_match(s, m, Label.ENTERPRISE, name, Source.SUFFIX))
    return out


def find_city_governments(ctx: MentionContext, s: Sentence) -> list[Mention]:
    """哈尔滨市、大庆市政府 → both city governments (the stem distributes backwards)."""
    lx = ctx.lexicon
    out: list[Mention] = []
    if "政府" not in s.text or "、" not in s.text:
        return out  # the list pattern backtracks: run it only where it can match
    for m in CITY_GOVERNMENT_LIST.finditer(s.text):
        pos = m.start(1)
        for part in m.group(1).split("、")[:-1]:
            canon = ctx.place(part)
            if canon and canon in lx.places:
                out.append(
                    Mention(
                        s.offset + pos,
                        s.offset + pos + len(part),
                        part,
                        Label.DEPARTMENT,
                        canon + "人民政府",
                        Source.GOVERNMENT_LIST,
                        aliases=(part + "政府",),
                    )
                )
            pos += len(part) + 1
    return out


def find_party_committees(ctx: MentionContext, s: Sentence) -> list[Mention]:
    """市委、市政府: the party committee of the jurisdiction (中共北京市委员会), named by a
    bare 省委/市委/县委/区委 (自治区党委) or a place's (天津市委) followed by a list word or the
    government, never the head of a longer body (市委组织部 is found by its stem)."""
    out: list[Mention] = []
    if "委" not in s.text:
        return out
    for m in PARTY_COMMITTEE.finditer(s.text):
        start = m.start("name")
        place = place_ending_at(ctx, s.text, m.end("prefix"))
        home: str | None
        if place and place[0] < start:
            start, home = place  # 天津市委: the committee of the place named
        else:
            home = ctx.home(m.group("prefix"))
        if home is None:
            continue
        out.append(
            Mention(
                s.offset + start,
                s.offset + m.end("name"),
                s.text[start : m.end("name")],
                Label.DEPARTMENT,
                f"中共{home}委员会",
                Source.DEPARTMENT_STEM,
                aliases=(s.text[start : m.end("name")],),
            )
        )
    return out


def find_listed(ctx: MentionContext, s: Sentence) -> list[Mention]:
    """Departments and organisations the gazetteers list, by any listed form."""
    out = []
    for start, end, surface, values in s.matches:
        if surface.endswith("部") and s.text[end : end + 1] == "门":
            continue  # 商务部门, 住建部门: the commerce departments (a kind), not the ministry
        for kind, canonical in values:
            if kind == "department":
                out.append(_listed(s, start, end, surface, Label.DEPARTMENT, canonical))
            elif kind.startswith("org:"):
                out.append(_listed(s, start, end, surface, Label(kind[4:]), canonical))
    return out


def find_defined(ctx: MentionContext, s: Sentence) -> list[Mention]:
    """Short forms defined by （以下简称X） anywhere in the run."""
    out = []
    for alias, (canonical, label) in ctx.defined.items():
        start = s.text.find(alias)
        while start >= 0:
            end = start + len(alias)
            out.append(
                Mention(
                    s.offset + start,
                    s.offset + end,
                    alias,
                    label,
                    canonical,
                    Source.DEFINED_ALIAS,
                    aliases=(alias,),
                )
            )
            start = s.text.find(alias, end)
    return out


def suffix_label(lx: Lexicon, name: str) -> Label | None:
    """The type a name's suffix gives it (longest suffix first)."""
    for suffix, label in lx.suffixes:
        if name.endswith(suffix) and len(name) > len(suffix):
            return label
    if re.fullmatch(r"\d{2,4}所", name):
        return Label.RESEARCH_INSTITUTE
    return None


def _list_item(lx: Lexicon, s: Sentence, start: int, name: str) -> Mention:
    """An item of a list of enterprises: typed by its suffix (an enterprise by default),
    canonical by the organisation table when it lists the form."""
    label = suffix_label(lx, name) or Label.ENTERPRISE
    canon, label = lx.organizations.get(name, (name, label))
    return Mention(
        s.offset + start, s.offset + start + len(name), name, label, canon, Source.KEY_LIST, (name,)
    )


def find_key_lists(ctx: MentionContext, s: Sentence) -> list[Mention]:
    """重点企业(…):A、B(产品)、C等企业 → brand-form enterprise names."""
    lx, text = ctx.lexicon, s.text
    out = []
    for m in ctx.key_list.finditer(text):
        end = text.find("。", m.end())
        end = len(text) if end < 0 else end
        for start, _e, item in split_list(text, m.end(), end):
            name = strip_item(item)
            if not (2 <= len(name) <= 30) or name in lx.words["generic_names"]:
                continue
            out.append(_list_item(lx, s, start, name))
    return out


#: The tail the list pattern ends in: a cheap test before the pattern itself.
TYPED_LIST_TAIL = re.compile(r"等[\u4e00-\u9fff]{0,6}?(?:企业|车企|厂商)")
TYPED_LIST = re.compile(
    r"((?:[^、,;。:()“”《》\s]{2,14}、)+[^、,;。:()“”《》\s]{2,14})等[\u4e00-\u9fff]{0,6}?(?:企业|车企|厂商)"
)


def find_typed_lists(ctx: MentionContext, s: Sentence) -> list[Mention]:
    """支持长安汽车、赛力斯集团、庆铃汽车等整车企业: the tail types every item of the list,
    so brand forms are enterprises (a leading verb is not part of the first item)."""
    lx, text = ctx.lexicon, s.text
    out: list[Mention] = []
    if "、" not in text or not TYPED_LIST_TAIL.search(text):
        return out  # the list pattern backtracks: run it only where it can match
    verbs = lx.triggers_longest_first
    kinds = tuple(g for g in lx.ordered["generic_names"] if g.endswith("企业"))  # 头部企业
    for m in TYPED_LIST.finditer(text):
        if _industry_list(lx, text, m):
            continue  # 钢铁、石化等行业企业; 智能家居、新能源汽车等骨干企业: industries
        for start, _end, item in split_list(text, m.start(1), m.end(1)):
            if start == m.start(1):
                lead = next((w for w in verbs if item.startswith(w)), "")
                start, item = start + len(lead), item[len(lead) :]
            name = strip_item(item)
            if (
                not (2 <= len(name) <= 12)
                or collective(ctx.lexicon, name)
                or name.endswith(kinds)
                or name in lx.words["generic_names"]
            ):
                continue  # (赋能头部企业: a kind after a verb)
            if name.startswith(lx.ordered["generic_starts"]) or ctx.place(name):
                continue
            tokens = lx.cut(name)
            if all(lx.tags.get(t) in ORDINARY_TAGS for t in tokens) or any(
                t in lx.triggers for t in tokens
            ):
                continue  # 钢铁、石化等行业企业: industries, not brands
            out.append(_list_item(lx, s, start, name))
    return out


def _industry_list(lx: Lexicon, text: str, m: re.Match[str]) -> bool:
    """Does a …等X企业 list name industries rather than firms? Its tail says so (等行业
    企业), or most of its items are runs of ordinary words (智能家居, 高端装备制造)."""
    if re.search("行业|产业|领域", text[m.end(1) : m.end()]):
        return True
    items = [strip_item(item) for _a, _b, item in split_list(text, m.start(1), m.end(1))]
    ordinary = sum(all(lx.tags.get(t) in ORDINARY_TAGS for t in lx.cut(i)) for i in items)
    return len(items) >= 3 and 2 * ordinary >= len(items)


#: The tail the list pattern ends in: a cheap test before the pattern itself.
TYPED_PROJECTS_TAIL = re.compile(r"等[\u4e00-\u9fff]{0,10}?项目")
TYPED_PROJECTS = re.compile(
    r"((?:[^、,;。:()“”《》\s]{3,30}、)*[^、,;。:()“”《》\s]{3,30})等[\u4e00-\u9fff]{0,10}?项目"
    r"(?=建设|规划|前期|落地|开工|投产|$|[,;。、)])"  # 等项目建设, not 等开展项目合作
)


def find_project_lists(ctx: MentionContext, s: Sentence) -> list[Mention]:
    """推进A生产线、B系统、C工业机器人等项目建设: the tail types every item of the list as
    a project, whatever it ends in (a product line, a system, a vehicle, a facility)."""
    lx, text = ctx.lexicon, s.text
    out: list[Mention] = []
    if not TYPED_PROJECTS_TAIL.search(text):
        return out  # the list pattern backtracks: run it only where it can match
    for m in TYPED_PROJECTS.finditer(text):
        items: list[tuple[int, str]] = []
        for start, _end, item in split_list(text, m.start(1), m.end(1)):
            if start == m.start(1):
                lead = _leading_verbs(lx, item)
                start, item = start + len(lead), item[len(lead) :]
            name = strip_item(item)
            name = name[:-2] if name.endswith("建设") else name  # 哈尔滨孵化器集团建设
            if not (4 <= len(name) <= 30) or name.startswith(lx.ordered["generic_starts"]):
                continue
            if collective(lx, name) or name in lx.words["generic_names"] or "等" in name:
                continue
            if ctx.place(name):
                continue
            built = name.endswith(lx.ordered["project_suffixes"])  # 太阳宫热电厂: a plant
            if name in lx.organizations or (
                suffix_label(lx, name) not in (None, Label.PROJECT) and not built
            ):
                continue  # 哈尔滨云计算中心: a platform (or firm) keeps its own type
            items.append((start, name))
        # 以旧换新、车网互动等项目: kinds of work, not named projects. One item that names
        # something built (地铁22号线) types its list-mates too (温潮减河).
        if any(_project_item(ctx, name) for _start, name in items):
            out += [_listed_project(s, a, a + len(name), name) for a, name in items]
    return out


def _listed_project(s: Sentence, start: int, end: int, name: str) -> Mention:
    """A project named as an item of a list (重点项目：…; …等项目)."""
    return Mention(
        s.offset + start, s.offset + end, name, Label.PROJECT, name, Source.PROJECT_LIST, (name,)
    )


def _project_item(ctx: MentionContext, name: str) -> bool:
    """An item of a …等项目 list is a project when it names something built or made (its
    head: 机器人, 生产线, 大桥) or has a name in it (贝特瑞石墨深加工)."""
    lx = ctx.lexicon
    if len(name) >= 5 and name.endswith(lx.ordered["project_item_heads"]):
        return True
    if any(lx.tags.get(t) in NAME_TAGS and len(t) >= 2 for t in lx.cut(name)):
        return True
    return specific(lx, name + "项目", "项目", ctx.generic, ctx.place_initials)


def _leading_verbs(lx: Lexicon, item: str) -> str:
    """The verbs and adverbs before a list's first item (重点推进, 全力推进, 加快建设,
    有序推进)."""
    pos = taken = 0
    for tok in lx.cut(item):
        tag = lx.tags.get(tok)
        if tok in lx.triggers or tok in lx.words["stop_words"] or tag in ("v", "d", "ad", "vd"):
            pos += len(tok)
            taken = pos
        elif tok in lx.words["generic_starts"]:
            pos += len(tok)  # 重点推进: 重点 is an adverb here
            taken = pos
        elif tok in lx.words["manner_adverbs"]:
            pos += len(tok)  # 有序推进: taken only if a verb follows
        else:
            break
    return item[:taken]


def _quoted_platform(lx: Lexicon, inner: str) -> bool:
    """“生命谷”; “包头文化云” (a place in it), not “食品安全云” (a kind of service)."""
    if inner.endswith(lx.ordered["quoted_platform_ends"]):
        return True
    return inner.endswith(lx.ordered["quoted_named_ends"]) and any(
        proper(lx, tok) for tok in lx.cut(inner)
    )


def _quoted_kind(ctx: MentionContext, inner: str) -> bool:
    """A quoted phrase with a platform's suffix that names no one platform: the same test
    as unquoted (names.specific), quotes being no proof of a name."""
    lx = ctx.lexicon
    suffix = next((sfx for sfx, _label in lx.suffixes if inner.endswith(sfx)), None)
    if suffix is None or _quoted_platform(lx, inner):
        return False
    return not specific(lx, inner, suffix, ctx.generic, ctx.place_initials)


def find_quoted(ctx: MentionContext, s: Sentence) -> list[Mention]:
    """“医工谷”: a quoted name whose suffix types it; “渝易充”APP, “电动福建”平台: a quoted
    name that an app or platform word follows."""
    lx, text = ctx.lexicon, s.text
    out = []
    apps, platforms = lx.ordered["app_words"], lx.ordered["quoted_platform_words"]
    for m in QUOTED.finditer(text):
        inner = m.group(1)
        label = suffix_label(lx, inner) or (Label.PLATFORM if _quoted_platform(lx, inner) else None)
        if label == Label.PLATFORM and _quoted_kind(ctx, inner):
            continue  # “四个中心”, “企业+合作社+基地”, “工作平台”: slogans and kinds in quotes
        if label and inner not in lx.words["generic_names"]:
            out.append(
                Mention(
                    s.offset + m.start(1),
                    s.offset + m.end(1),
                    inner,
                    label,
                    inner,
                    Source.QUOTED,
                    aliases=(inner,),
                )
            )
            continue
        after = text[m.end() : m.end() + 8]
        product = max((w for w in apps if after.startswith(w)), key=len, default=None)
        word = product or max((w for w in platforms if after.startswith(w)), key=len, default=None)
        if word is None or len(inner) > 12 or re.search(r"[、,;]", inner):
            continue
        name = inner if product else inner + word
        end = m.end() if product else m.end() + len(word)
        out.append(
            Mention(
                s.offset + m.start(),
                s.offset + end,
                text[m.start() : end],
                Label.PLATFORM,
                name,
                Source.QUOTED,
                aliases=(inner, text[m.start() : end]),
            )
        )
    return out


def _continues(lx: Lexicon, text: str, end: int, suffix: str) -> bool:
    """Is the suffix really the middle of a longer word (大学生, 中心地带; 园区内 is fine)?"""
    return text.startswith(lx.continuations.get(suffix, ()), end)


def _token_aligned(
    lx: Lexicon, toks: list[tuple[int, int, str]], start: int, end: int, body: bool
) -> bool:
    """A one-character suffix (厂, 局) must end its token, and that token must not be an
    ordinary word (出厂, 布局); for a body's suffix not even a long one (新格局)."""
    for a, b, tok in toks:
        if a <= start < b:
            if b != end or (a != start and len(tok) < 3):
                return False
            return a == start or not body or lx.tags.get(tok) not in ORDINARY_TAGS
    return False


def department_like(ctx: MentionContext, name: str, suffix: str) -> bool:
    """A body's name must start with a place, 省, 国家, or (in a city's document) 市."""
    if len(name) <= len(suffix) + 1:
        return False
    lx = ctx.lexicon
    zone = name[: len(name) - len(suffix)]
    if (
        suffix in ("管委会", "管理委员会")
        and len(zone) >= 4
        and zone.endswith(lx.ordered["zone_suffixes"])
    ):
        return True  # 稀土高新区管委会: the body that runs a zone
    if any(name[:n] in lx.place_alias for n in range(min(10, len(name)), 1, -1)):
        return True
    if name.startswith(("省", "国家")):
        return True
    if name.startswith(("市场", "市级", "区域", "县域", "州际")):
        return False
    return any(name.startswith(w) and ctx.home(w) for w in BARE_PREFIXES)


def home_prefixed(ctx: MentionContext, name: str, *, department: bool = False) -> str:
    """省石墨技术创新战略联盟 → 黑龙江省石墨技术创新战略联盟: a bare 省 (or 市, in a city's
    document) before a name is the document's own province (or city)."""
    if department:
        for word in BARE_PREFIXES:
            home = ctx.home(word)
            if name.startswith(word) and home:
                return home + name[len(word) :]
        return name
    if name.startswith("省") and not name.startswith(("省级", "省内", "省外")) and ctx.province:
        return ctx.province + name[1:]
    if name.startswith("市") and not name.startswith(("市场", "市级")) and ctx.city:
        return ctx.city + name[1:]
    return name


def _opening_quote(lx: Lexicon, text: str, start: int) -> int | None:
    """Where a quoted phrase opens that ends right before a name's words: “一带一路”高峰论坛
    is one name, the quote inside it. Not when the quote is a name of its own (“医工谷”科技
    企业孵化器: the incubator of the 医工谷)."""
    if start == 0 or text[start - 1] not in '”"':
        return None
    opening = text.rfind("“", max(0, start - 16), start - 1)
    inner = text[opening + 1 : start - 1]
    if opening < 0 or re.search(r"[、,，;；。“”\"]", inner):
        return None
    if suffix_label(lx, inner) or _quoted_platform(lx, inner):
        return None
    return opening


#: jieba tags of the words that may stand between a place and a body's suffix.
BODY_WORD_TAGS = frozenset({"n", "vn", "nz", "an", "j", "ns", "nt", "l"})


def _body_start(lx: Lexicon, s: Sentence, suffix_start: int, start: int, places: set[int]) -> int:
    """柳河县重点产业工作领导小组: the words of a body may be cue words elsewhere (重点); when
    only nouns stand between the suffix and a place to its left, the body starts there."""
    toks = s.tokens.before(suffix_start)
    for a, _b, tok in reversed(toks):
        if a < start and a in places:
            return a
        if a < start and lx.tags.get(tok) not in BODY_WORD_TAGS:
            break
    return start


#: jieba tags of the words a system's name runs over (nouns, verbal nouns, verbs such as
#: 充电, adjectives, unknown words).
SYSTEM_WORD_TAGS = frozenset({"n", "vn", "v", "an", "a", "b", "f", "nz", "j", "l", "nr", None})


def _system_start(lx: Lexicon, s: Sentence, suffix_start: int, places: set[int]) -> int | None:
    """Where a system's name starts: at a place or an anchor word (自治区) reached over
    words only (brackets included), or after a scope word (全省). The words between the
    anchor and the suffix must run to eight characters, or hold one that is not ordinary
    (充换 in 全省充换电设施智能服务管理平台): 全省公共服务平台 is a kind. None when no anchor
    is reached."""
    anchors = lx.words["system_anchors"]  # (not 省级/市级: see the data file)
    toks = s.tokens.before(suffix_start)
    for a, b, tok in reversed(toks):
        scope = "=" + tok in anchors
        if a in places or tok in anchors or scope:
            words = [t for x, _y, t in toks if x >= b and t not in "（）()"]
            between = s.text[b:suffix_start]
            telling = any(lx.tags.get(t) not in ORDINARY_TAGS for t in words)
            if SLOGAN.search(between):
                return None  # 政务数据资源池三大子平台: a count of kinds
            if len(between) >= 8 or (len(between) >= 2 and telling):
                return b if scope else a
            return None
        if tok in "（）()":
            continue
        if (
            lx.tags.get(tok) not in SYSTEM_WORD_TAGS
            or tok in lx.triggers
            or (tok in lx.words["stop_words"] and not (len(tok) == 1 and lx.tags.get(tok) == "f"))
            or tok in lx.words["hard_verbs"]
            or any(ch in PUNCT for ch in tok)
        ):
            return None
    return None


def _coordinable(lx: Lexicon, name: str, suffix: str) -> bool:
    """Could this name be a platform's if its list says so? Not a generic phrase, a kind,
    a slogan or a bare suffix."""
    core = name[: len(name) - len(suffix)]
    return (
        2 <= len(core) <= 6  # a short proper core (金盏国际合作), not a description
        and name not in lx.words["generic_names"]
        and not core.endswith(lx.ordered["generic_core_ends"])
        and not core.startswith(lx.ordered["generic_starts"])
        and not SLOGAN.search(core)
    )


def _coordinated(
    ctx: MentionContext, s: Sentence, found: list[Mention], doubtful: list[tuple[int, int, str]]
) -> list[Mention]:
    """金盏国际合作服务区、中关村门头沟园区: a list joins like with like, so a platform-like
    name right next to a platform found in the same 、 list is a platform too."""
    known = {(m.start - s.offset, m.end - s.offset) for m in found if m.label == Label.PLATFORM}
    out: list[Mention] = []
    grew = True
    while grew:
        grew = False
        for start, end, name in doubtful:
            if (start, end) in known:
                continue
            if any(s.text[b:start] == "、" or s.text[end:a] == "、" for a, b in known):
                known.add((start, end))
                canon = home_prefixed(ctx, name)
                out.append(
                    Mention(
                        s.offset + start,
                        s.offset + end,
                        name,
                        Label.PLATFORM,
                        canon,
                        Source.SUFFIX,
                        (name,),
                    )
                )
                grew = True
    return out


def find_by_suffix(ctx: MentionContext, s: Sentence) -> list[Mention]:
    """Organisation and department names ending in a listed suffix, bounded on the left
    by jieba tokens (names.name_start)."""
    lx, text = ctx.lexicon, s.text
    labels = lx.suffix_labels
    out: list[Mention] = []
    # Where a listed body or organisation ends, the list has named it (中国人民银行):
    # walking further left would only swallow the clause before it.
    listed_ends = {
        b
        for _a, b, _k, v in s.matches
        if any(k == "department" or k.startswith("org:") for k, _ in v)
    }
    doubtful: list[tuple[int, int, str]] = []  # platform-like names without a proper part
    place_starts = {a for a, _b, _k, v in s.matches if any(k == "place" for k, _ in v)}
    body_ends = listed_ends | {b for _a, b, _k, v in s.matches if any(k == "stem" for k, _ in v)}
    for m in lx.suffix_pattern.finditer(text):
        suffix = m.group(0)
        if m.end() < len(text) and _continues(lx, text, m.end(), suffix):
            continue
        if m.end() in listed_ends:
            continue
        if suffix in ("分行", "支行") and "银行" not in text[max(0, m.start() - 20) : m.start()]:
            continue  # 分行业 is "by industry"; a branch is a bank's (…银行…分行)
        if m.start() == 0 or text[m.start() - 1] in NO_NAME_BEFORE:
            continue  # nothing, or punctuation, or a particle before the suffix: no name
        body = labels[suffix] == Label.DEPARTMENT
        if len(suffix) == 1 and not _token_aligned(
            lx, s.tokens.before(m.end()), m.start(), m.end(), body
        ):
            continue
        strong = suffix in lx.words["strong_suffixes"]
        start = name_start(lx, s.tokens, m.start(), permissive=strong)
        name = text[start : m.end()]
        label = labels[suffix]
        if label == Label.DEPARTMENT:
            # A signature line without separators (河北省科学技术厅河北省自然资源厅): a listed
            # body ends inside and a place starts the rest, so the rest is a body of its own.
            cut = max(
                (p for p in body_ends if start < p < m.start() and p in place_starts), default=0
            )
            if cut:
                start, name = cut, text[cut : m.end()]
            if not department_like(ctx, name, suffix):
                wide = _body_start(lx, s, m.start(), start, place_starts)
                start, name = wide, text[wide : m.end()]
            if not department_like(ctx, name, suffix) or collective(ctx.lexicon, name):
                continue
            if name.endswith(lx.ordered["not_bodies"]):
                continue  # 新格局, 布局: words, not bodies
            canon = home_prefixed(ctx, name, department=True)
            source = Source.DEPARTMENT_SUFFIX
        else:
            if len(suffix) == 1 and name.endswith(lx.ordered["not_bodies"]):
                continue  # 国家森林公园: a park, not a platform
            core = [t for a, _b, t in s.tokens.before(m.start()) if a >= start]
            anchored = (
                _system_start(lx, s, m.start(), place_starts)
                if suffix in lx.words["system_suffixes"]
                else None
            )
            if anchored is not None and anchored <= start:
                start, name = anchored, text[anchored : m.end()]
            elif not specific(lx, name, suffix, ctx.generic, ctx.place_initials, core):
                if label == Label.PLATFORM and _coordinable(lx, name, suffix):
                    doubtful.append((start, m.end(), name))
                continue
            quoted = _opening_quote(lx, text, start)
            if quoted is not None and start < m.start():
                start = name_start(lx, s.tokens, quoted, permissive=strong)
                name = text[start : m.end()]
            canon, source = home_prefixed(ctx, name), Source.SUFFIX
        out.append(
            Mention(s.offset + start, s.offset + m.end(), name, label, canon, source, (name,))
        )
    out += _coordinated(ctx, s, out, doubtful)
    for m in NUMBERED_INSTITUTE.finditer(text):
        if re.match(r"左右|以上|[高学院校医幼中小]", text[m.end() : m.end() + 2]):
            continue  # 30所左右高校: a count of schools, not the 30th institute
        out.append(
            Mention(
                s.offset + m.start(),
                s.offset + m.end(),
                m.group(0),
                Label.RESEARCH_INSTITUTE,
                m.group(0),
                Source.NUMBERED_INSTITUTE,
                aliases=(m.group(0),),
            )
        )
    return out


def find_projects(ctx: MentionContext, s: Sentence) -> list[Mention]:
    """Items of a 重点项目： list, else names ending in 项目 with a proper part."""
    lx, text = ctx.lexicon, s.text
    out = []
    listed = KEY_PROJECTS.search(text)
    if listed:
        end = text.find("。", listed.end())
        end = len(text) if end < 0 else end
        for start, _e, item in split_list(text, listed.end(), end, seps=",;"):
            name = re.sub(r"等(?:项目)?$", "", item.strip())
            if not name.endswith(("项目", "工程")):
                name += "项目"
            if len(name) >= 6:
                out.append(_listed_project(s, start, start + len(item.strip()), name))
        return out
    for m in ctx.project_pattern.finditer(text):
        suffix = m.group(0)
        if len(suffix) <= 2 and not edges_free(lx, text, m.start(), m.end()):
            continue  # 事项目录: the suffix must be a word of its own
        if _continues(lx, text, m.end(), suffix):
            continue
        start = name_start(lx, s.tokens, m.start(), allow_verbs=True, digits=True)
        for a, b, tok in s.tokens.before(m.start()):  # 建成天津南港…项目: a project verb
            if start <= a < m.start() and tok in lx.words["project_boundaries"]:
                start = b
        name = text[start : m.end()]
        core = name[: -len(suffix)]
        if len(core) < 4 or core.endswith(("等", "类")):
            continue
        core_tokens = [t for a, _b, t in s.tokens.before(m.start()) if a >= start]
        if not specific(lx, name, suffix, ctx.generic, ctx.place_initials, core_tokens):
            continue
        out.append(
            Mention(
                s.offset + start,
                s.offset + m.end(),
                name,
                Label.PROJECT,
                name,
                Source.PROJECT_SUFFIX,
                aliases=(name,),
            )
        )
    return out


def find_places(ctx: MentionContext, s: Sentence) -> list[Mention]:
    """Listed places, except inside titles and cluster names."""
    text = s.text
    # Places inside titles (《…》, an annex title) belong to the title, not the text.
    titles = [(m.start(), m.end()) for m in TITLE_SPANS.finditer(text)]
    title_starts = [a for a, _b in titles]
    out = []
    for start, end, surface, values in s.matches:
        i = bisect_right(title_starts, start) - 1  # titles do not overlap: look at one
        if i >= 0 and start < titles[i][1]:
            continue
        if not any(kind == "place" for kind, _v in values):
            continue
        canonical = ctx.place(surface)
        if canonical is None or not _plausible_place(ctx, s, start, end, canonical):
            continue
        if CLUSTER_AFTER.match(text, end):
            continue  # 苏州-泰州生物医药产业集群: the places are part of a cluster's name
        if surface == "中国" and end < len(text) and "\u4e00" <= text[end] <= "\u9fff":
            continue  # 中国 in 中国特色社会主义 is part of a phrase, not a mention of China
        if _titled(ctx.lexicon, text, end):
            continue  # 中国 驰名商标, 河北省专利奖: an award's name
        out.append(_listed(s, start, end, surface, Label.PLACE, canonical))
    return out


def _titled(lx: Lexicon, text: str, end: int) -> bool:
    """Does an award or title that the place opens follow (河北省专利奖, not 奖励)?"""
    return _title_pattern(lx.ordered["title_ends"]).match(text, end, end + 12) is not None


@cache
def _title_pattern(ends: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(map(re.escape, ends))
    return re.compile(rf"\s?[\u4e00-\u9fff]{{0,6}}?(?:{alternatives})(?![励金项])")


def _plausible_place(ctx: MentionContext, s: Sentence, start: int, end: int, place: str) -> bool:
    """A bare county or district form (海淀, 通州) names a place only inside the
    document's own city or province; a short form must be a word of its own (not 大社区
    in 加大社区…)."""
    lx, text = ctx.lexicon, s.text
    surface = text[start:end]
    info = lx.places[place]
    bare = not surface.endswith(PLACE_ENDS)
    if bare and info.level in ("county", "district"):
        areas = [a for a in (ctx.city, ctx.province) if a]
        if not any(lx.within(place, a) for a in areas):
            return False
    if len(surface) == 2 and surface[0] in lx.words["stop_words"] and not _at_home(ctx, place):
        return False  # 部门和县（市）: 和 + 县, not 和县 of another province
    # A common word across an edge (石油焦作为, 更新和, 加大社区): not a name here.
    return len(surface) > 3 or edges_free(lx, text, start, end)


Finder = Callable[[MentionContext, Sentence], list[Mention]]
#: Finders that need no jieba tokens, then the ones that cut (run only where a suffix,
#: 项目 or a numbered institute occurs: most sentences have none).
CHEAP_FINDERS: tuple[Finder, ...] = (
    find_stem_departments,
    find_prefixed_departments,
    find_city_governments,
    find_party_committees,
    find_branch_bodies,
    find_enterprise_branches,
    find_listed,
    find_defined,
    find_key_lists,
    find_typed_lists,
    find_project_lists,
    find_quoted,
)
TOKEN_FINDERS: tuple[Finder, ...] = (find_by_suffix, find_projects)


def find_mentions(ctx: MentionContext, text: str, offset: int) -> list[Mention]:
    """All mentions of one sentence, one per span (see dedupe.resolve_overlaps)."""
    s = sentence_of(ctx, text, offset)
    found: list[Mention] = []
    for finder in CHEAP_FINDERS:
        found += finder(ctx, s)
    if (
        ctx.project_pattern.search(text)
        or ctx.lexicon.suffix_pattern.search(text)
        or re.search(r"\d{2,4}所", text)
    ):
        for finder in TOKEN_FINDERS:
            found += finder(ctx, s)
    found += find_places(ctx, s)
    # Names inside a cited title (《国务院办公厅关于…的意见》) belong to that title.
    cited = [(offset + m.start(), offset + m.end()) for m in CITED.finditer(text)]
    if cited:
        starts = [a for a, _b in cited]
        found = [m for m in found if not _inside(cited, starts, m)]
    return resolve_overlaps(found)


def _inside(spans: list[tuple[int, int]], starts: list[int], m: Mention) -> bool:
    """Is the mention strictly inside one of these sorted, disjoint spans?"""
    i = bisect_left(starts, m.start) - 1
    return i >= 0 and m.end < spans[i][1]


def split_list(text: str, start: int, end: int, seps: str = "、") -> list[tuple[int, int, str]]:
    """Split text[start:end] at separators outside parentheses."""
    items: list[tuple[int, int, str]] = []
    depth = 0
    item_start = start
    for pos in range(start, end):
        ch = text[pos]
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif ch in seps and depth == 0:
            items.append((item_start, pos, text[item_start:pos]))
            item_start = pos + 1
    items.append((item_start, end, text[item_start:end]))
    return [(a, b, t) for a, b, t in items if t.strip()]


def strip_item(item: str) -> str:
    """蓝谷食品(代餐粉) → 蓝谷食品; 太子等婴幼儿配方乳粉企业 → 太子."""
    name = re.sub(r"\([^)]*\)", "", item).strip()
    return name.split("等")[0].strip()
