"""Where a name starts: walking left from a suffix over jieba tokens.

The genre writes names without spaces inside running text (…依托哈尔滨工业大学建设…), so
a name found by its suffix needs a left boundary: punctuation, a list separator, a
function word, a trigger verb (all in the lexicon's word lists), or a verb that cannot sit
inside a name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.lexicon import Lexicon

PUNCT = frozenset(" \t,.;:!?()[]{}<>、。“”‘’《》〈〉【】\"'/|·…%")
#: jieba POS tags of words that cannot start or sit inside a name (prepositions,
#: conjunctions, particles, pronouns …): grammar of jieba's tag set, not knowledge.
STOP_TAGS = frozenset({"p", "c", "u", "uj", "ul", "uz", "ug", "uv", "ud", "r", "y", "e", "o"})
#: jieba tags of ordinary words (nouns, verbs, adjectives …), not of proper names.
ORDINARY_TAGS = frozenset({"n", "v", "vn", "a", "ad", "an", "b", "d", "m", "q", "f", "s"})
#: jieba tags of person and place names.
NAME_TAGS = frozenset({"nr", "nrt", "ns"})
#: jieba dictionary frequency from which a word is common (加大 2272, 示范 981; 西西 3).
COMMON_FREQ = 200
ORDINAL = re.compile(r"[一二三四五六七八九十]是")
#: A count right before the suffix (四个中心, 三大子平台, 一核两极四基地): a slogan that
#: numbers kinds, not a name.
SLOGAN = re.compile(
    r"[一二三四五六七八九十两多][个大类]?子?$|[二三四五六七八九十两][个大]|[一二三四五六七八九十两几多]家"
)
#: A count at the start of a name (10项重大科技攻关项目, 3个产业园): so many of a kind.
COUNT = re.compile(r"^(?:[0-9]+|[一二三四五六七八九十百千两几多]+)(?:项|个|批|家|条|座|类|种)")

Token = tuple[int, int, str]


@dataclass
class ClauseTokens:
    """jieba tokens of the clause to the left of a position, cut on demand and cached.

    Names are bounded by punctuation, so only the clause before a suffix needs cutting;
    most of a sentence is never segmented (this keeps extraction near one jieba pass).
    """

    text: str
    lexicon: Lexicon
    cache: dict[tuple[int, int], list[Token]] = field(default_factory=dict)
    #: The document's cuts by text: a clause cut once is not cut again when a later
    #: sentence of the same document repeats it (table rows, lists of the same bodies).
    cuts: dict[str, list[Token]] = field(default_factory=dict)

    def before(self, pos: int) -> list[Token]:
        start = pos
        limit = max(0, pos - 36)  # the longest names of the genre run to about 30
        while start > limit and self.text[start - 1] not in PUNCT:
            start -= 1
        key = (start, pos)
        toks = self.cache.get(key)
        if toks is None:
            clause = self.text[start:pos]
            cut = self.cuts.get(clause)
            if cut is None:
                cut = self.cuts[clause] = tokens_of(self.lexicon, clause)
            toks = [(s + start, e + start, t) for s, e, t in cut]
            self.cache[key] = toks
        return toks


def tokens_of(lexicon: Lexicon, text: str) -> list[Token]:
    out: list[Token] = []
    pos = 0
    for tok in lexicon.cut(text):
        out.append((pos, pos + len(tok), tok))
        pos += len(tok)
    return out


def proper(lx: Lexicon, tok: str) -> bool:
    """A token that is itself a listed name (a place, an organisation, a body). A bare
    county form (大田 of 大田县) is too often an ordinary word to vouch for a name."""
    if len(tok) < 2:
        return False
    place = lx.place_alias.get(tok)
    if place is not None:
        info = lx.places[place]
        # 怀柔 (jieba: a name) vouches; 大田 (jieba: a word) does not.
        named = lx.tags.get(tok) in NAME_TAGS
        return tok == place or info.level not in ("county", "district") or named
    choices = lx.place_choices.get(tok)
    if choices:
        # 承德 (承德市 or 承德县): which one is for the jurisdiction to say, but either way
        # a place names the thing (承德国家高新区).
        named = lx.tags.get(tok) in NAME_TAGS
        return named or any(lx.places[c].level not in ("county", "district") for c in choices)
    return tok in lx.organizations or tok in lx.departments or tok in lx.words["regions"]


def national(lx: Lexicon, tok: str, span: int) -> bool:
    """国家 / 全国 opening a name of at least four more characters before its suffix
    (全国碳排放权交易市场): the central vocabulary's platforms, whose cores hold verbs."""
    return tok in lx.words["national_starts"] and span - len(tok) >= 4


def national_name(lx: Lexicon, name: str, suffix: str) -> bool:
    """全国煤炭交易中心: a national start, a core of four or more, a suffix that names one
    national thing (not a designation awarded to many, such as 国家X示范区)."""
    start = next((w for w in lx.ordered["national_starts"] if name.startswith(w)), "")
    rest = name[len(start) :]
    return (
        bool(start)
        and len(rest) >= 6
        and len(rest) - len(suffix) >= 2
        and suffix in lx.words["national_suffixes"]
    )


def inner_verb(lx: Lexicon, tok: str) -> bool:
    """A verb that may sit inside a long name (复合, 监督), not one that governs it, or a
    conjunction that may (与 in 机器人技术与系统国家重点实验室)."""
    return tok in lx.words["inner_conjunctions"] or (
        lx.tags.get(tok) == "v"
        and len(tok) == 2
        and tok not in lx.triggers
        and tok not in lx.words["stop_words"]
        and tok not in lx.words["hard_verbs"]
        and tok != "研发"
    )


def ends_name(lx: Lexicon, tok: str, allow_verbs: bool, permissive: bool = False) -> bool:
    """Is this token (left of a name) outside the name?

    Legal names (…有限公司) are walked permissively: verbs, numerals and odd tags occur
    inside them (建成, 十六膳), so only punctuation, function words and triggers stop.
    """
    if any(ch in PUNCT for ch in tok) or tok.isspace() or tok.isdigit() or "--" in tok:
        return True  # punctuation; a dash pair (——) sets off a name, one dash joins places
    if tok in lx.place_alias or tok in lx.organizations:
        return False
    if tok in lx.words["stop_words"] or tok in lx.triggers or ORDINAL.fullmatch(tok):
        return True
    if len(tok) >= 3 and (
        tok.startswith(lx.ordered["trigger_prefixes"]) or tok.endswith(lx.ordered["trigger_ends"])
    ):
        return True
    if permissive:
        return tok in lx.words["hard_verbs"]
    tag = lx.tags.get(tok)
    if tag in STOP_TAGS or (tag in ("d", "ad") and len(tok) >= 2) or tag in ("q", "m"):
        return True
    if tok == "研发":  # jieba tags it "j"; it is a verb before a name
        return not allow_verbs
    return tag == "v" and tok not in lx.words["name_verbs"] and not allow_verbs


def name_start(
    lx: Lexicon,
    toks: ClauseTokens,
    suffix_start: int,
    *,
    allow_verbs: bool = False,
    permissive: bool = False,
    digits: bool = False,
) -> int:
    """Walk left over jieba tokens from the suffix to the name's first character.

    A verb that is not a trigger (复合 in 国家树脂基复合新材料工程技术研究中心) is kept
    only when a proper name further left (a place, a known organisation) vouches that
    the walk is still inside the name; otherwise the name starts after it.
    """
    committed = suffix_start
    pending = False
    right = ""
    for s, _e, tok in reversed(toks.before(suffix_start)):
        if tok.isdigit() and (right == "所" or digits):
            committed = s  # 703所燃气轮机产业园, 地铁22号线: numbers inside the name
            right = tok
            continue
        if ends_name(lx, tok, allow_verbs, permissive):
            if permissive or allow_verbs or not inner_verb(lx, tok):
                break
            pending = True
            right = tok
            continue
        if not pending or proper(lx, tok) or national(lx, tok, suffix_start - s):
            committed = s
            pending = False
        right = tok
    return committed


def specific(
    lx: Lexicon,
    name: str,
    suffix: str,
    generic: frozenset[str],
    place_initials: frozenset[str],
    core_tokens: list[str] | None = None,
) -> bool:
    """Does the name have a proper part (not just generic words before the suffix)?"""
    core = name[: len(name) - len(suffix)]
    if len(core) < 2 or name in lx.words["generic_names"]:
        return False
    if core.startswith(lx.ordered["generic_starts"]) or "各" in core:
        return False  # (中关村各分园: every branch park, no one of them)
    if SLOGAN.search(core) or COUNT.match(core) or re.search(r"[+＋]|(?:^|-)[^-]?-", core):
        # 四个中心, 唐钢两家大型钢铁集团, 10项重大科技攻关项目, 企业+合作社+基地,
        # 车-桩-网-平台: counts, slogans
        # and formulas (a dash between names joins them: 天津滨海-中关村科技园)
        return False
    if (
        suffix in lx.words["named_suffixes"]
        and name not in generic
        and not core.endswith(lx.ordered["descriptive_core_ends"])
    ):
        return True  # 未来科学城, 金融街论坛: the suffix is only written after a name
    if national_name(lx, name, suffix):
        return True  # 全国煤炭交易中心, 国家钒钛产业联盟: the national one of its kind
    if suffix in lx.words["strong_suffixes"]:
        tokens = core_tokens if core_tokens else lx.cut(core)
        if tokens and tokens[-1] in lx.words["generic_core_ends"]:
            return False  # 子公司, 石墨企业集团 (a whole word: 西门子公司 is a name)
        # 数据公司, 农机作业公司: a short core of ordinary words names no one company
        # (省电力有限公司 does: a bare 省 names the home province).
        if len(core) > 4 or core[0] in "省市县区州" or suffix in ("大学", "科学院"):
            return True  # (首都医科大学: a university's name may be ordinary words)
        return not all(lx.tags.get(t) in ORDINARY_TAGS for t in tokens)
    if suffix.endswith("联盟") and len(core) >= 8:
        return True  # long alliance names are names (国家高值特种生物资源技术创新战略联盟)
    if re.search(r"[A-Za-z0-9]", core) or re.search(r"..(?:公司|集团)", core):
        return True
    if re.search(r"[一二三四五六七八九]期", core):
        return True  # 新国展二期项目: a phase of one named undertaking
    for tok in core_tokens if core_tokens is not None else lx.cut(core):
        if proper(lx, tok):
            return True
        tag = lx.tags.get(tok)
        unknown = tag is None and "\u4e00" <= tok[0] <= "\u9fff" and tok not in generic
        if unknown and (len(tok) >= 3 or (len(tok) == 2 and tok[0] in place_initials)):
            return True
        if tag == "ns" and len(tok) >= 3 and tok not in generic:
            return True
    return False


def token_aligned(lx: Lexicon, text: str, start: int, end: int) -> bool:
    """Do jieba's tokens of the surrounding clause start at `start` and end at `end`?
    A short place name must be a word of its own (唐山LNG), not the middle of another
    (石油焦作为, 更新和, 示范县)."""
    left = start
    while left > max(0, start - 12) and text[left - 1] not in PUNCT:
        left -= 1
    right = end
    while right < min(len(text), end + 12) and text[right] not in PUNCT:
        right += 1
    bounds = {left}
    pos = left
    for tok in lx.cut(text[left:right]):
        pos += len(tok)
        bounds.add(pos)
    return start in bounds and end in bounds


def edges_free(lx: Lexicon, text: str, start: int, end: int) -> bool:
    """No common word across either edge of a name (加大 in 加大社区, 更新 in 更新和)."""
    freq = lx.freq
    edges = (text[max(0, start - 1) : start + 1], text[end - 1 : end + 1])
    return not any(len(w) == 2 and freq.get(w, 0) >= COMMON_FREQ for w in edges)
