"""Mentions: spans of a sentence that name an entity, with a type and a canonical name.

Sources, strongest first: gazetteer matches (departments, organisations, places), the
department pattern (optional place or 省 prefix + a stem such as 发改委, distributed over
lists), lists after 重点企业/重点项目, quoted names, and organisation names found by their
suffix with a left boundary taken from jieba's tokens (punctuation, list separators,
trigger verbs, function words).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import jieba

from ingest.gazetteers import Gazetteer

LIST_SEPARATORS = "、,;和与及"
PUNCT = set(" \t,.;:!?()[]{}<>、。“”‘’《》〈〉【】\"'/|·…%")
STOP_TAGS = {"p", "c", "u", "uj", "ul", "uz", "ug", "uv", "ud", "r", "y", "e", "o"}
STOP_WORDS = {
    "的",
    "在",
    "和",
    "与",
    "及",
    "等",
    "对",
    "向",
    "将",
    "把",
    "为",
    "是",
    "由",
    "从",
    "到",
    "于",
    "并",
    "也",
    "还",
    "其",
    "该",
    "各",
    "我省",
    "全省",
    "本省",
    "内",
    "外",
    "以",
    "省内",
    "区内",
    "园区内",
    "国内外",
    "国内",
    "重点",
    "大力",
    "积极",
    "加快",
    "全力",
    "着力",
    "进一步",
    "以及",
    "或",
    "同",
    "会同",
    "设在",
    "包括",
    "主要",
    "如",
    "即",
    "以下",
    "简称",
    "以下简称",
}
#: Suffixes that make a name by themselves: nobody writes 有限公司 after a generic phrase.
STRONG_SUFFIXES = {
    "股份有限公司",
    "有限责任公司",
    "有限公司",
    "集团公司",
    "集团有限公司",
    "大学",
    "科学院",
    "总公司",
    "公司",
    "集团",
    "银行",
    "分行",
    "支行",
}
#: A strong suffix after these is still generic (石墨企业集团, 国有公司).
GENERIC_CORE_ENDS = ("企业", "国有", "相关", "有关", "子", "分", "该", "控股")
TITLE_SPANS = re.compile(r"《[^》]*》|^附件[:\d.、]*.*$|^[^,;。]*(?:表|目录|清单)$")
CLUSTER_AFTER = re.compile(r"[-\u4e00-\u9fff]{0,20}?产业集群")
PREFIXED_DEPARTMENT = re.compile(
    r"(?:^|(?<=[,、;:()和及与]))(?P<name>(?P<prefix>[省市])(?P<body>[\u4e00-\u9fff]{2,12}?)"
    r"(?:管理委员会|委员会|办公室|管委会|总局|局|厅|委|办))(?=$|[,、;:()。等]|牵头|配合|负责)"
)
ORDINAL = re.compile(r"[一二三四五六七八九十]是")
#: Verbs that end a name even when walking a legal name permissively (X与Y共建Z研究院).
HARD_VERBS = {
    "共建",
    "合作",
    "建设",
    "成立",
    "组建",
    "设立",
    "联合",
    "共同",
    "开展",
    "牵头",
    "配合",
    "承担",
    "参与",
    "申报",
    "推广",
    "应用",
}
TRIGGER_ENDS = (
    "依托",
    "支持",
    "推动",
    "推进",
    "引导",
    "鼓励",
    "发挥",
    "引进",
    "吸引",
    "培育",
    "打造",
    "建设",
    "发展",
    "扶持",
    "实施",
    "开展",
    "加强",
    "提升",
    "完善",
    "建立",
)
#: Verbs that occur inside organisation names (…技术开发有限公司); any other verb ends a name.
NAME_VERBS = {
    "开发",
    "制造",
    "加工",
    "改装",
    "生产",
    "设计",
    "检测",
    "销售",
    "服务",
    "研究",
    "应用",
    "培训",
    "咨询",
    "监测",
    "管理",
    "控制",
    "装配",
    "孵化",
    "投资",
    "运营",
    "养殖",
    "种植",
    "发电",
    "供应",
    "经销",
    "配套",
    "制药",
    "印刷",
    "运输",
    "交通",
    "创新",
    "示范",
    "合作",
    "融合",
    "改造",
    "提取",
    "转化",
    "整复",
    "分拣",
    "回收",
    "联合",
}
#: Words that make a suffix phrase generic (龙头企业, 有关部门) when they start it.
GENERIC_START = {
    "相关",
    "有关",
    "各类",
    "各级",
    "本地",
    "省内",
    "省外",
    "国内",
    "国内外",
    "国外",
    "龙头",
    "重点",
    "骨干",
    "优势",
    "知名",
    "大型",
    "中小",
    "现有",
    "全省",
    "我省",
    "本省",
    "各地",
    "其他",
    "一批",
    "多家",
    "新建",
    "新型",
    "一流",
    "领军",
    "特色",
    "创新型",
    "科技型",
    "示范",
    "公办",
    "社会",
    "地方",
    "医养",
    "专业",
    "高新技术",
}
GENERIC_START_PREFIXES = tuple(sorted(GENERIC_START))
GENERIC_NAMES = {
    "龙头企业",
    "重点企业",
    "骨干企业",
    "企业集团",
    "大学",
    "学院",
    "研究院",
    "研究所",
    "集团公司",
    "有限公司",
    "公司",
    "科技城",
    "产业园",
    "园区",
    "平台",
    "基地",
    "联盟",
    "协会",
    "中心",
    "高校",
    "产业联盟",
    "实验室",
    "重点实验室",
    "工作站",
}
DEPT_GENERIC_SUFFIXES = (
    ("管理委员会", "Department"),
    ("委员会", "Department"),
    ("办公室", "Department"),
    ("管委会", "Department"),
    ("总局", "Department"),
    ("厅", "Department"),
    ("局", "Department"),
)
TRIGGER_PREFIXES = ("重点", "大力", "积极", "加快", "全力", "着力", "进一步", "充分")


#: An automaton hit: (start, end, surface, ((kind, canonical), ...)).
Match = tuple[int, int, str, tuple[tuple[str, str], ...]]


@dataclass
class Mention:
    start: int  # working-copy offsets
    end: int
    surface: str
    label: str
    name: str  # canonical name
    source: str  # which rule found it
    aliases: tuple[str, ...] = ()
    places: tuple[str, ...] = ()  # places inside the name (LOCATED_IN)


class ClauseTokens:
    """jieba tokens of the clause to the left of a position, cut on demand and cached.

    Names are bounded by punctuation, so only the clause before a suffix needs cutting;
    most of a sentence is never segmented (this keeps extraction near one jieba pass).
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.cache: dict[tuple[int, int], list[tuple[int, int, str]]] = {}

    def before(self, pos: int) -> list[tuple[int, int, str]]:
        start = pos
        limit = max(0, pos - 48)
        while start > limit and self.text[start - 1] not in PUNCT:
            start -= 1
        key = (start, pos)
        toks = self.cache.get(key)
        if toks is None:
            toks = [(s + start, e + start, t) for s, e, t in tokens_of(self.text[start:pos])]
            self.cache[key] = toks
        return toks


def tokens_of(text: str) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []
    pos = 0
    for tok in jieba.cut(text):
        out.append((pos, pos + len(tok), tok))
        pos += len(tok)
    return out


class SentenceMentions:
    """Finds the mentions of one sentence; `province` fills a bare 省 prefix."""

    def __init__(
        self,
        g: Gazetteer,
        province: str | None,
        defined: dict[str, tuple[str, str]],
        city: str | None = None,
    ):
        self.g = g
        self.province = province
        self.city = city  # the city a bare 市 prefix names (city-level documents)
        self.defined = defined  # document-level (以下简称) and run-level aliases
        self.generic: set[str] = set()  # industry words of the document (汉麻): not names
        self._suffixes_re = _suffix_regex(
            tuple(s for s, _ in g.suffixes + list(DEPT_GENERIC_SUFFIXES))
        )
        self.place_initials = {
            a[0] for a, c in g.place_alias.items() if g.province_of(c) == province and len(a) <= 4
        }

    # -- helpers -----------------------------------------------------------------------
    def _is_place_prefix(self, text: str, end: int) -> tuple[int, str] | None:
        """A place name (or alias) ending at `end`: (start, canonical)."""
        for length in range(min(10, end), 1, -1):
            cand = text[end - length : end]
            canon = self.g.place_alias.get(cand)
            if canon:
                return end - length, canon
        return None

    # -- main ------------------------------------------------------------------------
    def find(self, text: str, offset: int) -> list[Mention]:
        found: list[Mention] = []
        matches = sorted(
            ((end - len(k) + 1, end + 1, k, v) for end, (k, v) in self.g.automaton.iter(text)),
            key=lambda m: (m[0], -(m[1] - m[0])),
        )
        self._departments(text, offset, matches, found)
        self._prefixed_departments(text, offset, found)
        self._city_governments(text, offset, found)
        self._known(text, offset, matches, found)
        self._defined(text, offset, found)
        self._lists(text, offset, found)
        self._quoted(text, offset, found)
        # jieba runs only where a name by suffix can end: most sentences have none.
        suffixes = self._suffix_pattern()
        if "项目" in text or suffixes.search(text) or re.search(r"\d{2,4}所", text):
            toks = ClauseTokens(text)
            self._by_suffix(text, offset, toks, found)
            self._projects(text, offset, toks, found)
        self._places(text, offset, matches, found)
        return _dedupe(found)

    def _departments(
        self, text: str, offset: int, matches: list[Match], found: list[Mention]
    ) -> None:
        last_prefixed: tuple[int, str] | None = None  # (end, prefix) of the previous dept
        for start, end, _surface, values in matches:
            stem = next((v for kind, v in values if kind == "stem"), None)
            if stem is None:
                continue
            # Longest stem ending here only (发展改革委 rather than 改革委).
            if any(
                s2 <= start and e2 >= end and (e2 - s2) > (end - start)
                for s2, e2, _k, v2 in matches
                if any(kind == "stem" for kind, _ in v2)
            ):
                continue
            prefix: str | None = None
            pstart = start
            if start >= 2 and text[start - 2 : start] == "国家":
                prefix, pstart = "国家", start - 2
            else:
                place = self._is_place_prefix(text, start)
                if (
                    place
                    and self.g.places.get(place[1])
                    and text[place[0] : start]
                    in (
                        place[1],
                        place[1].rstrip("市省"),
                    )
                ):
                    prefix, pstart = place[1], place[0]
                elif start >= 1 and text[start - 1] == "省" and self.province:
                    prefix, pstart = self.province, start - 1
                elif start >= 1 and text[start - 1] == "市" and self.city:
                    prefix, pstart = self.city, start - 1
            if prefix is None and last_prefixed is not None:
                gap = text[last_prefixed[0] : start]
                if gap and all(ch in "、,和及与" for ch in gap) and stem not in ("人民政府",):
                    prefix = last_prefixed[1]
            if prefix is None:
                continue
            if stem in ("人民政府",) and prefix == "国家":
                continue
            name = prefix + stem if prefix != "国家" else "国家" + stem
            surface_text = text[pstart:end]
            alias = surface_text
            if pstart == start and prefix == self.province:
                alias = "省" + surface_text  # 省发改委、工信委 → 省工信委
            elif pstart == start and prefix == self.city:
                alias = "市" + surface_text
            # A city government's surface "X市政府" and "X市人民政府" are the same body.
            found.append(
                Mention(
                    offset + pstart,
                    offset + end,
                    surface_text,
                    "Department",
                    name,
                    "department-stem",
                    aliases=(alias,),
                )
            )
            last_prefixed = (end, prefix)

    def _prefixed_departments(self, text: str, offset: int, found: list[Mention]) -> None:
        """省营商环境建设监督局, 市乡村振兴局: bodies whose stem no gazetteer lists, named
        with a bare 省/市 prefix in a list or a role cell (bounded by punctuation)."""
        for m in PREFIXED_DEPARTMENT.finditer(text):
            prefix, body = m.group("prefix"), m.group("body")
            home = self.province if prefix == "省" else self.city
            if home is None or body.startswith("场") or _collective(body):
                continue
            name = m.group("name")
            found.append(
                Mention(
                    offset + m.start("name"),
                    offset + m.end("name"),
                    name,
                    "Department",
                    home + name[1:],
                    "department-suffix",
                    aliases=(name,),
                )
            )

    def _city_governments(self, text: str, offset: int, found: list[Mention]) -> None:
        """哈尔滨市、大庆市政府 → both city governments (the stem distributes backwards)."""
        for m in re.finditer(
            r"((?:[\u4e00-\u9fff]{2,8}[市县区]、)+)[\u4e00-\u9fff]{2,8}[市县区](?:人民)?政府", text
        ):
            pos = m.start(1)
            for part in m.group(1).split("、")[:-1]:
                canon = self.g.place_alias.get(part)
                if canon and canon in self.g.places:
                    found.append(
                        Mention(
                            offset + pos,
                            offset + pos + len(part),
                            part,
                            "Department",
                            canon + "人民政府",
                            "government-list",
                            aliases=(part + "政府",),
                        )
                    )
                pos += len(part) + 1

    def _known(self, text: str, offset: int, matches: list[Match], found: list[Mention]) -> None:
        for start, end, surface, values in matches:
            for kind, canonical in values:
                if kind == "department":
                    found.append(_listed(offset, start, end, surface, "Department", canonical))
                elif kind.startswith("org:"):
                    found.append(_listed(offset, start, end, surface, kind[4:], canonical))

    def _defined(self, text: str, offset: int, found: list[Mention]) -> None:
        for alias, (canonical, label) in self.defined.items():
            start = text.find(alias)
            while start >= 0:
                end = start + len(alias)
                found.append(
                    Mention(
                        offset + start,
                        offset + end,
                        alias,
                        label,
                        canonical,
                        "defined-alias",
                        aliases=(alias,),
                    )
                )
                start = text.find(alias, end)

    def _lists(self, text: str, offset: int, found: list[Mention]) -> None:
        """重点企业(…):A、B(产品)、C等企业 → brand-form enterprise names."""
        for m in re.finditer(r"(?:重点企业|龙头企业|骨干企业|重点单位)(?:\([^)]*\))?:", text):
            end = text.find("。", m.end())
            end = len(text) if end < 0 else end
            for s, _e, item in _split_list(text, m.end(), end):
                name = _strip_item(item)
                if not (2 <= len(name) <= 30) or name in GENERIC_NAMES:
                    continue
                label = self.suffix_label(name) or "Enterprise"
                canon = self.g.organizations.get(name, (name, label))
                found.append(
                    Mention(
                        offset + s,
                        offset + s + len(name),
                        name,
                        canon[1],
                        canon[0],
                        "key-list",
                        aliases=(name,),
                    )
                )

    def _quoted(self, text: str, offset: int, found: list[Mention]) -> None:
        for m in re.finditer(r"“([^“”]{2,20})”", text):
            inner = m.group(1)
            label = self.suffix_label(inner) or ("Platform" if inner.endswith("谷") else None)
            if label and inner not in GENERIC_NAMES:
                found.append(
                    Mention(
                        offset + m.start(1),
                        offset + m.end(1),
                        inner,
                        label,
                        inner,
                        "quoted",
                        aliases=(inner,),
                    )
                )

    def suffix_label(self, name: str) -> str | None:
        for suffix, label in self.g.suffixes:
            if name.endswith(suffix) and len(name) > len(suffix):
                return label
        if re.fullmatch(r"\d{2,4}所", name):
            return "ResearchInstitute"
        return None

    def _name_start(
        self,
        text: str,
        toks: ClauseTokens,
        suffix_start: int,
        *,
        allow_verbs: bool = False,
        permissive: bool = False,
    ) -> int:
        """Walk left over jieba tokens from the suffix to the name's first character.

        A verb that is not a trigger (复合 in 国家树脂基复合新材料工程技术研究中心) is kept
        only when a proper name further left (a place, a known organisation) vouches
        that the walk is still inside the name; otherwise the name starts after it.
        """
        committed = suffix_start
        pending = False
        right = ""
        for s, _e, tok in reversed(toks.before(suffix_start)):
            if tok.isdigit() and right == "所":
                committed = s  # 703所燃气轮机产业园: a numbered institute
                right = tok
                continue
            if self._ends_name(tok, allow_verbs, permissive):
                if permissive or allow_verbs or not self._inner_verb(tok):
                    break
                pending = True
                right = tok
                continue
            if not pending or self._proper(tok):
                committed = s
                pending = False
            right = tok
        return committed

    def _inner_verb(self, tok: str) -> bool:
        """A verb that may sit inside a long name (复合, 监督), not one that governs it."""
        return (
            self.g.tags.get(tok) == "v"
            and len(tok) == 2
            and tok not in self.g.triggers
            and tok not in STOP_WORDS
            and tok not in HARD_VERBS
            and tok != "研发"
        )

    def _proper(self, tok: str) -> bool:
        return len(tok) >= 2 and (
            tok in self.g.place_alias or tok in self.g.organizations or tok in self.g.departments
        )

    def _ends_name(self, tok: str, allow_verbs: bool, permissive: bool = False) -> bool:
        """Is this token (left of a name) outside the name?

        Legal names (…有限公司) are walked permissively: verbs, numerals and odd tags occur
        inside them (建成, 十六膳), so only punctuation, function words and triggers stop.
        """
        if any(ch in PUNCT for ch in tok) or tok.isspace() or tok.isdigit():
            return True
        if tok in self.g.place_alias or tok in self.g.organizations:
            return False
        if tok in STOP_WORDS or tok in self.g.triggers or ORDINAL.fullmatch(tok):
            return True
        if len(tok) >= 3 and (tok.startswith(TRIGGER_PREFIXES) or tok.endswith(TRIGGER_ENDS)):
            return True
        if permissive:
            return tok in HARD_VERBS
        tag = self.g.tags.get(tok)
        if tag in STOP_TAGS or (tag in ("d", "ad") and len(tok) >= 2) or tag in ("q", "m"):
            return True
        if tok in ("研发",):  # jieba tags it "j"; it is a verb before a name
            return not allow_verbs
        return tag == "v" and tok not in NAME_VERBS and not allow_verbs

    def _specific(self, name: str, suffix: str, core_tokens: list[str] | None = None) -> bool:
        """Does the name have a proper part (not just generic words before the suffix)?"""
        core = name[: len(name) - len(suffix)]
        if len(core) < 2 or name in GENERIC_NAMES:
            return False
        if core.startswith(GENERIC_START_PREFIXES):
            return False
        if suffix in STRONG_SUFFIXES:
            return not core.endswith(GENERIC_CORE_ENDS)
        if suffix.endswith("联盟") and len(core) >= 8:
            return True  # long alliance names are names (国家高值特种生物资源技术创新战略联盟)
        if re.search(r"[A-Za-z0-9]", core) or re.search(r"..(?:公司|集团)", core):
            return True
        for tok in core_tokens if core_tokens is not None else jieba.cut(core):
            if len(tok) >= 2 and (
                tok in self.g.place_alias
                or tok in self.g.organizations
                or tok in self.g.departments
            ):
                return True
            tag = self.g.tags.get(tok)
            unknown = tag is None and "\u4e00" <= tok[0] <= "\u9fff" and tok not in self.generic
            if unknown and (len(tok) >= 3 or (len(tok) == 2 and tok[0] in self.place_initials)):
                return True
            if tag == "ns" and len(tok) >= 3 and tok not in self.generic:
                return True
        return False

    def _by_suffix(self, text: str, offset: int, toks: ClauseTokens, found: list[Mention]) -> None:
        pattern = self._suffix_pattern()
        labels = dict(self.g.suffixes + list(DEPT_GENERIC_SUFFIXES))
        for m in pattern.finditer(text):
            suffix = m.group(0)
            if m.end() < len(text) and _continues(text, m.end(), suffix):
                continue
            if (
                suffix in ("分行", "支行")
                and "银行" not in text[max(0, m.start() - 20) : m.start()]
            ):
                continue  # 分行业 is "by industry"; a branch is a bank's (…银行…分行)
            if len(suffix) == 1 and not _token_aligned(toks.before(m.end()), m.start(), m.end()):
                continue
            strong = suffix in STRONG_SUFFIXES
            start = self._name_start(text, toks, m.start(), permissive=strong)
            name = text[start : m.end()]
            label = labels[suffix]
            if label == "Department":
                if not self._department_like(name, suffix) or _collective(name):
                    continue
                canon = self._department_canonical(name)
                found.append(
                    Mention(
                        offset + start,
                        offset + m.end(),
                        name,
                        "Department",
                        canon,
                        "department-suffix",
                        aliases=(name,),
                    )
                )
                continue
            core = [t for s, _e, t in toks.before(m.start()) if s >= start]
            if not self._specific(name, suffix, core):
                continue
            found.append(
                Mention(
                    offset + start,
                    offset + m.end(),
                    name,
                    label,
                    self._home_prefixed(name),
                    "suffix",
                    aliases=(name,),
                )
            )
        for m in re.finditer(r"(?<![\d.])(\d{2,4})所", text):
            found.append(
                Mention(
                    offset + m.start(),
                    offset + m.end(),
                    m.group(0),
                    "ResearchInstitute",
                    m.group(0),
                    "numbered-institute",
                    aliases=(m.group(0),),
                )
            )

    def _suffix_pattern(self) -> re.Pattern[str]:
        return self._suffixes_re

    def _department_like(self, name: str, suffix: str) -> bool:
        if len(name) <= len(suffix) + 1:
            return False
        place = None
        for length in range(min(10, len(name)), 1, -1):
            if name[:length] in self.g.place_alias:
                place = name[:length]
                break
        if place is not None or name.startswith(("省", "国家")):
            return True
        return name.startswith("市") and self.city is not None and not name.startswith("市场")

    def _home_prefixed(self, name: str) -> str:
        """省石墨技术创新战略联盟 → 黑龙江省石墨技术创新战略联盟: a bare 省 (or 市, in a city's
        document) before a name is the document's own province (or city)."""
        if (
            name.startswith("省")
            and not name.startswith(("省级", "省内", "省外"))
            and self.province
        ):
            return self.province + name[1:]
        if name.startswith("市") and not name.startswith(("市场", "市级")) and self.city:
            return self.city + name[1:]
        return name

    def _department_canonical(self, name: str) -> str:
        """A bare 省/市 prefix names the document's province or city; a name that starts
        with a place (哈尔滨新区管委会) is already a full name."""
        if name.startswith("省") and self.province:
            return self.province + name[1:]
        if name.startswith("市") and self.city:
            return self.city + name[1:]
        return name

    def _projects(self, text: str, offset: int, toks: ClauseTokens, found: list[Mention]) -> None:
        listed = re.search(r"重点项目(?:\([^)]*\))?:", text)
        if listed:
            end = text.find("。", listed.end())
            end = len(text) if end < 0 else end
            for s, _e, item in _split_list(text, listed.end(), end, seps=",;"):
                name = re.sub(r"等(?:项目)?$", "", item.strip())
                if not name.endswith(("项目", "工程")):
                    name += "项目"
                if len(name) >= 6:
                    surface_end = s + len(item.strip())
                    found.append(
                        Mention(
                            offset + s,
                            offset + surface_end,
                            name,
                            "Project",
                            name,
                            "project-list",
                            aliases=(name,),
                        )
                    )
            return
        for m in re.finditer(r"项目", text):
            start = self._name_start(text, toks, m.start(), allow_verbs=True)
            name = text[start : m.end()]
            core = name[:-2]
            if len(core) < 4 or core.endswith(("等", "类")):
                continue
            if not self._specific(name, "项目"):
                continue
            found.append(
                Mention(
                    offset + start,
                    offset + m.end(),
                    name,
                    "Project",
                    name,
                    "project-suffix",
                    aliases=(name,),
                )
            )

    def _places(self, text: str, offset: int, matches: list[Match], found: list[Mention]) -> None:
        # Places inside titles (《…》, an annex title) belong to the title, not the text.
        titles = [(m.start(), m.end()) for m in TITLE_SPANS.finditer(text)]
        for start, end, surface, values in matches:
            if any(s <= start < e for s, e in titles):
                continue
            canonical = next((v for kind, v in values if kind == "place"), None)
            if canonical is None:
                continue
            if CLUSTER_AFTER.match(text, end):
                continue  # 苏州-泰州生物医药产业集群: the places are part of a cluster's name
            if _inside_word(text, start, end, surface):
                continue
            found.append(_listed(offset, start, end, surface, "Place", canonical))


_SUFFIX_CACHE: dict[tuple[str, ...], re.Pattern[str]] = {}


def _suffix_regex(suffixes: tuple[str, ...]) -> re.Pattern[str]:
    pat = _SUFFIX_CACHE.get(suffixes)
    if pat is None:
        alts = "|".join(re.escape(s) for s in sorted(set(suffixes), key=len, reverse=True))
        pat = re.compile(f"(?:{alts})")
        _SUFFIX_CACHE[suffixes] = pat
    return pat


def _listed(offset: int, start: int, end: int, surface: str, label: str, canonical: str) -> Mention:
    """A mention found in a gazetteer: its surface is an alias of the canonical name."""
    return Mention(
        offset + start, offset + end, surface, label, canonical, "gazetteer", aliases=(surface,)
    )


def _collective(name: str) -> bool:
    """省各委办厅局, 省直有关部门, 市政府所属部门: collectives, not one body."""
    return any(w in name for w in ("各", "有关", "直属", "所属", "相关"))


def _token_aligned(toks: list[tuple[int, int, str]], start: int, end: int) -> bool:
    """A one-character suffix (厂, 局) must end its token, and that token must not be an
    ordinary word (出厂, 布局)."""
    for s, e, tok in toks:
        if s <= start < e:
            return e == end and (s == start or len(tok) >= 3)
    return False


def _continues(text: str, end: int, suffix: str) -> bool:
    """Is the suffix really the middle of a longer word (大学生, 园区内 is fine)?"""
    nxt = text[end : end + 2]
    if suffix in ("大学", "学院") and nxt[:1] in ("生", "周", "城"):
        return True
    if suffix in ("局", "厅", "委员会") and nxt[:1] in ("长",):
        return True
    return suffix in ("平台", "中心") and nxt[:1] in ("化",)


def _inside_word(text: str, start: int, end: int, surface: str) -> bool:
    """中国 in 中国特色社会主义 or “中国站” is part of a phrase, not a mention of China."""
    return surface == "中国" and end < len(text) and "\u4e00" <= text[end] <= "\u9fff"


def _split_list(text: str, start: int, end: int, seps: str = "、") -> list[tuple[int, int, str]]:
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
    return [(s, e, t) for s, e, t in items if t.strip()]


def _strip_item(item: str) -> str:
    """蓝谷食品(代餐粉) → 蓝谷食品; 太子等婴幼儿配方乳粉企业 → 太子."""
    name = re.sub(r"\([^)]*\)", "", item).strip()
    name = re.split(r"等", name)[0]
    return name.strip()


def _dedupe(found: list[Mention]) -> list[Mention]:
    """Keep the strongest mention per span; drop ones nested inside a longer mention,
    except organisations at the start of a longer name (哈药集团 in 哈药集团技术中心)."""
    priority = {
        "gazetteer": 0,
        "department-stem": 0,
        "government-list": 0,
        "defined-alias": 1,
        "key-list": 1,
        "quoted": 2,
        "project-list": 2,
        "department-suffix": 3,
        "suffix": 3,
        "numbered-institute": 3,
        "project-suffix": 4,
    }
    found.sort(
        key=lambda m: (
            m.start,
            -(m.end - m.start),
            m.label == "Place",  # a span that names a body (苏州市 in 苏州市、泰州市政府) wins
            priority.get(m.source, 9),
        )
    )
    kept: list[Mention] = []
    for m in found:
        if m.label == "Place" and any(k.start <= m.start and m.end <= k.end for k in kept):
            continue
        clash = None
        for k in kept:
            if k.start == m.start and k.end == m.end:
                clash = k
                break
        if clash is not None:
            continue
        inside = [k for k in kept if k.start <= m.start and m.end <= k.end]
        if inside:
            outer = inside[-1]
            # Keep an organisation nested in a project or platform name: it is named there.
            if m.label in ("Place",):
                continue
            if m.label == "Platform" and outer.label == "Enterprise":
                continue  # 哈尔滨孵化器 inside 哈尔滨孵化器集团
            if outer.label in ("Enterprise", "University", "ResearchInstitute", "Department"):
                continue  # 哈工大 inside 哈工大机器人集团 is part of a company's name
            if (
                outer.label == m.label
                and outer.source in ("suffix", "project-suffix")
                and m.source not in ("gazetteer", "defined-alias")
            ):
                continue
        overlapping = [
            k
            for k in kept
            if k.start < m.end and m.start < k.end and not (k.start <= m.start and m.end <= k.end)
        ]
        if overlapping:
            continue
        kept.append(m)
    return kept
