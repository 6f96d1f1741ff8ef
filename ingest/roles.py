"""Lead and assisting units: from annex task tables and from prose role statements."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.kinds import Rel
from ingest.lexicon import Lexicon
from ingest.structure import CN_NUM, Table, TableRow

LABEL = re.compile(rf"^(?:[{CN_NUM}]+、|\([{CN_NUM}]+\)|\(\d{{1,2}}\)|\d{{1,2}}[.、](?!\d))")


def strip_label(text: str) -> str:
    return LABEL.sub("", text).strip(" 。.;")


@dataclass
class RoleCell:
    role: str  # "lead", "assist" or "responsible" (first unit leads, the rest assist)
    start: int
    end: int
    text: str


@dataclass
class TaskRow:
    number: str | None
    task: str  # without heading label
    task_span: tuple[int, int]
    groups: list[str]  # enclosing group cells, outermost first, labels stripped
    roles: list[RoleCell]
    row_span: tuple[int, int]
    own: list[tuple[int, int]] = field(default_factory=list)  # its own non-empty description cells


def header_roles(header: TableRow, lx: Lexicon) -> list[tuple[int, str]]:
    """(column index, role) for each role column of the header (see _label_roles)."""
    words = _label_roles(lx)
    roles = []
    for j, (_s, _e, text) in enumerate(header.cells):
        role = next((r for w, r in words if _header_word(w, text)), None)
        if role:
            roles.append((j, role))
    return roles


def _header_word(word: str, cell: str) -> bool:
    """A role word in a header cell; `=X` must be the whole cell (a bare 部门 column)."""
    return cell == word[1:] if word.startswith("=") else word in cell


def table_tasks(table: Table, lx: Lexicon) -> list[TaskRow]:
    """Rows of an annex task table, with merged ("same as above") cells carried down.

    Role columns are found from the header and located in each row from the right when
    the row has at least as many cells as the header (rows often carry an extra group
    column the header does not name), from the left when it has fewer (trailing empty
    cells dropped). An empty role cell repeats the row above only while the row continues
    the same group (its group cells are empty too): a new group starts fresh.
    """
    if table.header is None:
        return []
    roles = header_roles(table.header, lx)
    if not roles:
        return []
    width = len(table.header.cells)
    first_role = min(j for j, _ in roles)
    last_role = max(j for j, _ in roles)
    has_number = bool(re.search(r"序号|编号", table.header.cells[0][2]))
    # 序号 | 部门 | 职责清单: the duty follows the unit column.
    duty_after = first_role <= (1 if has_number else 0) and last_role + 1 < width
    out: list[TaskRow] = []
    prev_groups: list[str] = []
    prev_roles: dict[str, RoleCell] = {}
    for row in table.rows:
        cells = row.cells
        if len(cells) >= width:
            shift = len(cells) - width
            role_cells = {role: cells[j + shift] for j, role in roles}
            desc_end = first_role + shift
        else:
            role_cells = {role: cells[j] for j, role in roles if j < len(cells)}
            desc_end = min(first_role, len(cells))
        if duty_after:
            shift = max(0, len(cells) - width)
            desc = cells[last_role + 1 + shift :]
        else:
            desc = cells[1 if has_number or row.number else 0 : desc_end]
        texts = [c[2] for c in desc]
        nonempty = [i for i, t in enumerate(texts) if t]
        if not nonempty:
            continue
        task_idx = nonempty[-1]
        task_cell = desc[task_idx]
        group_cells = texts[:task_idx]
        continues = not any(group_cells)
        if continues:
            groups = prev_groups
        else:
            # An empty outer group cell is a merged cell: take it from the row above.
            groups = [
                strip_label(t) if t else (prev_groups[i] if i < len(prev_groups) else "")
                for i, t in enumerate(group_cells)
            ]
        current: list[RoleCell] = []
        for role, (s, e, text) in role_cells.items():
            if text:
                current.append(RoleCell(role, s, e, text))
            elif continues and role in prev_roles:
                current.append(prev_roles[role])
        prev_roles = {c.role: c for c in current}
        prev_groups = groups
        out.append(
            TaskRow(
                number=row.number,
                task=strip_label(task_cell[2]),
                task_span=(task_cell[0], task_cell[1]),
                groups=groups,
                roles=current,
                row_span=(row.start, row.end),
                own=[(c[0], c[1]) for c in desc if c[2]],
            )
        )
    return out


# -- prose role statements ---------------------------------------------------------------
@dataclass(frozen=True)
class RoleSpan:
    """A unit list with its role, and the whole statement that carries it (parentheses
    included): the statement closes the stretch of text that is its task."""

    role: str  # lead, assist, or responsible (joint)
    start: int  # the unit list, sentence offsets
    end: int
    marker_start: int
    marker_end: int


#: Units before a role verb at the end of a clause in parentheses (（X、Y牵头负责）).
PAREN = re.compile(r"\(([^()]{2,160})(?:\)|$)")
LABELLED = re.compile(
    # units may hold a bracketed body of their own: 省发改委(数据管理局)、工信厅
    r"\(?(?P<label>[\u4e00-\u9fff]{0,4}?(?:单位|部门))[:]"
    r"(?P<units>(?:[^;。()]|\([^;。()]{1,20}\)){2,200})"
)
#: Prose role statements: the words one of which the sentence must hold (a cheap test:
#: the patterns' lazy prefixes are tried at every character), the pattern, its roles.
PROSE: tuple[tuple[tuple[str, ...], re.Pattern[str], tuple[str, ...]], ...] = (
    (("牵头",), re.compile(r"由([^,;。()]{2,60}?)牵头"), ("lead",)),
    (("办公室设在",), re.compile(r"办公室设在([^,;。()]{2,40})"), ("lead",)),
    (
        ("协办",),
        re.compile(r"([^,;。()]{2,40}?)主办[、,]([^,;。()]{2,60}?)协办"),
        ("lead", "assist"),
    ),
    (("牵头",), re.compile(r"([^,;。()由]{2,60}?)牵头(?!人)"), ("lead",)),
    # joint, so that a document's 列第一位者为牵头单位 applies to it too
    (("负责",), re.compile(r"([^,;。()由]{2,60}?)负责(?!人)"), ("responsible",)),
    (
        ("配合", "协助", "参与"),
        re.compile(r"(?:^|[,;])([^,;。()]{2,60}?)(?:配合|协助|参与)(?:[,;。]|$)"),
        ("assist",),
    ),
)
FIRST_LEADS = re.compile(r"(?:列|排)(?:在)?(?:第一位|首位)的?(?:者|单位|部门)?为牵头")


def first_listed_leads(text: str) -> bool:
    """Does the document say that the first unit of each list leads (列第一位者为牵头单位)?"""
    return FIRST_LEADS.search(text) is not None


def _clause_role(role: str, after_lead: bool) -> str:
    if role == "shared":
        return "assist" if after_lead else "responsible"  # （X牵头，Y按职责分工负责）
    return role


#: How far a role statement's brackets may stand from its label (（牵头单位：…）).
ROLE_REACH = 300


def prose_roles(text: str, lx: Lexicon) -> list[RoleSpan]:
    """Role statements of a sentence: labelled unit lists (牵头单位：…, 责任单位：…,
    主责单位：…), parenthesised clauses ending in a role verb (（X、Y牵头，Z配合）), and
    prose (由X牵头, 办公室设在X, X主办、Y协办, X负责…, …，Y配合)."""
    if not lx.role_cue_pattern.search(text):
        return []
    spans: list[RoleSpan] = []
    # the document's convention (列第一位者为牵头单位) names no unit
    taken: list[tuple[int, int]] = [m.span() for m in FIRST_LEADS.finditer(text)]
    label_roles = _label_roles(lx)
    for m in LABELLED.finditer(text):
        role = next(
            (r for w, r in label_roles if not w.startswith("=") and w in m.group("label")), None
        )
        if role is None:
            continue
        # The brackets around a labelled list, looked for within ROLE_REACH characters (a
        # long line without brackets stays linear).
        stop = text.find(")", m.end(), m.end() + ROLE_REACH)
        end = stop + 1 if stop >= 0 and "(" not in text[m.end() : stop] else m.end()
        opening = text.rfind("(", max(0, m.start() - ROLE_REACH), m.start())
        start = opening if opening >= 0 and ")" not in text[opening : m.start()] else m.start()
        spans.append(RoleSpan(role, m.start("units"), m.end("units"), start, end))
        taken.append((start, end))
    verb_roles = dict(lx.role_verbs)
    for m in PAREN.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        found: list[RoleSpan] = []
        pos = m.start(1)
        after_lead = False
        for clause in re.split(r"([,;])", m.group(1)):
            if clause in (",", ";"):
                pos += 1
                continue
            c = lx.clause_verb_pattern.match(clause)
            if c:
                role = _clause_role(verb_roles[c.group("verb")], after_lead)
                after_lead = after_lead or role == "lead"
                found.append(RoleSpan(role, pos, pos + c.end("units"), m.start(), m.end()))
            pos += len(clause)
        if found:
            spans += found
            taken.append((m.start(), m.end()))
    for words, pattern, roles in PROSE:
        if not any(w in text for w in words):
            continue
        for m in pattern.finditer(text):
            if any(a <= m.start() < b or a < m.end() <= b for a, b in taken):
                continue
            taken.append((m.start(), m.end()))
            for group, role in enumerate(roles, 1):
                if m.group(group):
                    spans.append(RoleSpan(role, m.start(group), m.end(group), m.start(), m.end()))
    return spans


def _label_roles(lx: Lexicon) -> list[tuple[str, str]]:
    """Role words in the order a label is read: an assisting word wins (协同牵头 is
    still assisting), then a lead word, then a word of joint responsibility."""
    order = {"assist": 0, "lead": 1, "responsible": 2}
    return sorted(lx.role_words, key=lambda w: order.get(w[1], 9))


LEAD_MARK = re.compile(r"^\s*\((?:牵头|牵头单位|主责)\)")


def unit_roles(
    role: str,
    units: list[tuple[int, int]],
    text: str,
    offset: int,
    first_leads: bool = False,
) -> list[Rel]:
    """LEADS or ASSISTS for each unit (start, end) named in a role span of `text`.

    A unit marked （牵头） leads and the others assist; otherwise a lead list leads, an
    assisting list assists, and a list of joint responsibility (责任单位, （X、Y负责）)
    leads jointly, unless the document says its first-listed unit leads.
    """
    marked = [bool(LEAD_MARK.match(text[e - offset : e - offset + 8])) for _s, e in units]
    if any(marked):
        return [Rel.LEADS if m else Rel.ASSISTS for m in marked]
    if role == "assist":
        return [Rel.ASSISTS] * len(units)
    if role == "responsible" and first_leads:
        return [Rel.LEADS if i == 0 else Rel.ASSISTS for i in range(len(units))]
    return [Rel.LEADS] * len(units)
