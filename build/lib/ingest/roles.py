"""Lead and assisting units: from annex task tables and from prose role statements."""

from __future__ import annotations

import re
from dataclasses import dataclass

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


def header_roles(header: TableRow, lx: Lexicon) -> list[tuple[int, str]]:
    """(column index, role) for each role column of the header: an assisting word wins
    over a responsibility word, which wins over a lead word (责任单位 holds 责任 only)."""
    order = {"assist": 0, "responsible": 1, "lead": 2}
    words = sorted(lx.role_words, key=lambda w: order.get(w[1], 9))
    roles = []
    for j, (_s, _e, text) in enumerate(header.cells):
        role = next((r for w, r in words if w in text), None)
        if role:
            roles.append((j, role))
    return roles


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
    has_number = bool(re.search(r"序号|编号", table.header.cells[0][2]))
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
            )
        )
    return out


# Prose role statements. Each pattern names the groups holding units; units are then
# the department mentions inside those spans.
PROSE_ROLES: tuple[tuple[re.Pattern[str], dict[str, str]], ...] = (
    (
        re.compile(r"\(([^()]{2,80}?)牵头(?:[,、;]([^()]{2,80}?)(?:配合|参与|协助|协同))?\)"),
        {"1": "lead", "2": "assist"},
    ),
    (re.compile(r"由([^,;。()]{2,60}?)牵头"), {"1": "lead"}),
    (re.compile(r"牵头(?:单位|部门)[:]([^;。()]{2,80})"), {"1": "lead"}),
    (re.compile(r"(?:配合|协同|参与)(?:单位|部门)[:]([^;。()]{2,120})"), {"1": "assist"}),
    (re.compile(r"责任(?:单位|部门)[:]([^;。]{2,160})"), {"1": "responsible"}),
    (re.compile(r"办公室设在([^,;。()]{2,40})"), {"1": "lead"}),
    (
        re.compile(r"([^,;。()]{2,40}?)主办[、,]([^,;。()]{2,60}?)协办"),
        {"1": "lead", "2": "assist"},
    ),
    (
        re.compile(r"([^,;。()由]{2,60}?)(?:牵头|负责)(?:[,;]|$|组织|推进|落实|实施|制定)"),
        {"1": "lead"},
    ),
    (re.compile(r"[,;]([^,;。()]{2,60}?)(?:配合|协助|参与)(?:[,;。]|$)"), {"1": "assist"}),
)


def prose_roles(text: str, lx: Lexicon) -> list[tuple[str, int, int]]:
    """(role, start, end) spans of unit lists in a sentence."""
    spans: list[tuple[str, int, int]] = []
    if not any(word in text for word in lx.ordered["role_cues"]):
        return spans
    taken: list[tuple[int, int]] = []
    for pattern, groups in PROSE_ROLES:
        for m in pattern.finditer(text):
            if any(s <= m.start() < e for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            for group, role in groups.items():
                idx = int(group)
                if m.group(idx):
                    spans.append((role, m.start(idx), m.end(idx)))
    return spans


LEAD_MARK = re.compile(r"^\s*\((?:牵头|牵头单位|主责)\)")


def unit_roles(role: str, units: list[tuple[int, int]], text: str, offset: int) -> list[Rel]:
    """LEADS or ASSISTS for each unit (start, end) named in a role span of `text`.

    A unit marked （牵头） leads and the others assist; otherwise a lead column leads, an
    assisting column assists, and a 责任单位 list is led by its first unit.
    """
    marked = [bool(LEAD_MARK.match(text[e - offset : e - offset + 8])) for _s, e in units]
    if any(marked):
        return [Rel.LEADS if m else Rel.ASSISTS for m in marked]
    if role == "lead":
        return [Rel.LEADS] * len(units)
    if role == "assist":
        return [Rel.ASSISTS] * len(units)
    return [Rel.LEADS if i == 0 else Rel.ASSISTS for i in range(len(units))]
