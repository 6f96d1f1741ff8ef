"""Structure of a notice of the genre: header, plan titles, headings, sentences, tables.

Everything works on the normalised working copy (half-width punctuation, '-' dashes, LF)
and keeps working-copy offsets; `NormalisedText.span` maps them back to the original.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.lexicon import Lexicon
from ingest.read import NormalisedText

CN_NUM = "一二三四五六七八九十百零〇"
# Heading labels, outermost first. A line starting with one of these opens a section of
# that level; '--'/'---' bullets are the innermost level.
HEADING_PATTERNS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (1, re.compile(rf"^([{CN_NUM}]+)、")),
    (2, re.compile(rf"^\(([{CN_NUM}]+)\)")),
    (3, re.compile(r"^(\d{1,2})[.、](?!\d)")),
    (4, re.compile(r"^\((\d{1,2})\)")),
    (5, re.compile(r"^-{2,3}(?!-)")),
)
SENTENCE_END = re.compile(r"[^。;!?\n]*(?:[。;!?]|$)")
#: A signature date, alone on its line or opening it (2023年5月11日关于…), or in brackets.
DATE_LINE = re.compile(r"^\(?(\d{4})年(\d{1,2})月(\d{1,2})日\)?")
#: A body's name as a signature or title prefix: ends in a body word.
BODY_END = re.compile(
    r"(?:人民政府办公厅|人民政府办公室|人民政府|办公厅|办公室|委员会|政府|厅|局|委|院|部|署|公司)$"
)
DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,10}[〔\[(]\d{4}[〕\])]\d+号")
PERIOD = re.compile(r"\((\d{4})\s*-\s*(\d{4})(?:年)?\)")
QUOTED_TITLE = re.compile(r"《([^《》]{4,80})》")


@dataclass
class Line:
    start: int  # working-copy offsets, end exclusive, without the newline
    end: int
    text: str  # stripped
    lstrip: int  # offset of text within the raw line
    raw_end: int = 0  # end of the raw line (trailing tabs are empty table cells)


@dataclass
class Heading:
    level: int
    label: str
    title: str  # up to the first 。 (the task's short name)
    start: int
    end: int


@dataclass
class Sentence:
    start: int
    end: int
    text: str
    plan: int | None  # index into Structure.plans
    path: tuple[Heading, ...]  # enclosing headings, outermost first


@dataclass
class TableRow:
    number: str | None
    cells: list[tuple[int, int, str]]  # (start, end, text) working-copy spans, stripped
    start: int
    end: int


@dataclass
class Table:
    header: TableRow | None
    rows: list[TableRow]
    title: str | None
    plan: int | None


@dataclass
class PlanTitle:
    title: str
    period: str | None
    start: int
    end: int


Span = tuple[int, int, str]


@dataclass
class Header:
    addressees: str | None = None
    issuer: tuple[int, int, str] | None = None  # the first of `issuers`
    title: Span | None = None  # the notice's title, lines joined
    issuers: list[Span] = field(default_factory=list)  # co-issued notices name several
    issued_on: str | None = None
    doc_number: str | None = None
    published: list[tuple[int, int, str]] = field(default_factory=list)  # 《…》 in the notice


@dataclass
class Structure:
    header: Header
    plans: list[PlanTitle]
    sentences: list[Sentence]
    tables: list[Table]
    headings: list[tuple[int | None, tuple[Heading, ...]]]  # (plan, path) per heading


def split_lines(text: str) -> list[Line]:
    lines: list[Line] = []
    pos = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        lstrip = len(raw) - len(raw.lstrip())
        lines.append(
            Line(pos + lstrip, pos + lstrip + len(stripped), stripped, lstrip, pos + len(raw))
        )
        pos += len(raw) + 1
    return lines


def heading_of(line: Line) -> Heading | None:
    for level, pattern in HEADING_PATTERNS:
        m = pattern.match(line.text)
        if m:
            body = line.text[m.end() :]
            cut = re.search(r"[。;]", body)
            title = (body[: cut.start()] if cut else body).strip(" .。")
            return Heading(level, m.group(0), title, line.start, line.start + m.end() + len(title))
    return None


def plan_key(title: str) -> str:
    """A comparison key for plan titles: no spaces, brackets or period."""
    return re.sub(r"[\s《》()\d\-年]", "", title)


#: Lines of a signature block that are never part of a title: a date, a publication note
#: ((此件公开发布), (本文有删减)), a bare 附件 label.
SIGNATURE_LINE = re.compile(r"^(?:\(?\d{4}年\d{1,2}月\d{1,2}日\)?|\([^()]*\)|附件\s*\d*)$")


def _is_title_piece(text: str) -> bool:
    return (
        0 < len(text) <= 40
        and not re.search(r"[。,;:、]", text)
        and "\t" not in text
        and not SIGNATURE_LINE.match(text.strip())
        and heading_of(Line(0, 0, text, 0)) is None
    )


def find_plan_titles(
    lines: list[Line], published: list[str], plan_words: tuple[str, ...]
) -> list[tuple[int, int, str]]:
    """Stand-alone title blocks: one to three short lines that end with a plan word and
    (optionally) a period line `(2018-2020年)`. Returns (first line, last line, title)."""
    keys = {plan_key(p) for p in published}
    found: list[tuple[int, int, str]] = []
    i = 0
    while i < len(lines):
        if not _is_title_piece(lines[i].text):
            i += 1
            continue
        best: tuple[int, str] | None = None
        joined = ""
        for j in range(i, min(i + 4, len(lines))):
            piece = lines[j].text
            if not piece or not (_is_title_piece(piece) or PERIOD.fullmatch(piece)):
                break
            dated = DATE_LINE.match(piece)
            if dated:  # 2023年1月20日加快建设数字河北行动方案: a title after the signature date
                if j > i:
                    break
                piece = piece[dated.end() :]
            joined += piece
            core = PERIOD.sub("", joined)
            if plan_key(joined) in keys or (
                core.endswith(plan_words) and len(core) >= 8 and not core.startswith("附件")
            ):
                best = (j, joined)
        if best:
            found.append((i, best[0], best[1]))
            i = best[0] + 1
        else:
            i += 1
    return found


def parse_header(lines: list[Line], body_start: int, plan_words: tuple[str, ...]) -> Header:
    header = Header()
    for idx, line in enumerate(lines[:body_start]):
        text = line.text
        if not text:
            continue
        if header.addressees is None and text.endswith(":") and idx < 3:
            header.addressees = text.rstrip(":")
        for m in QUOTED_TITLE.finditer(text):
            if any(w in m.group(1) for w in plan_words):
                header.published.append(
                    (line.start + m.start(1), line.start + m.end(1), m.group(1))
                )
    return header


def _is_body_line(text: str) -> bool:
    """A line that only names issuing bodies (中共柳河县委 柳河县人民政府)."""
    parts = text.split()
    return (
        0 < len(text) <= 60
        and not re.search(r"[,.;:!?、。“”《》]", text)
        and all(BODY_END.search(p) for p in parts)
    )


def _title_complete(text: str, notice_words: tuple[str, ...]) -> bool:
    return (
        text.endswith(notice_words)
        and text.count("《") == text.count("》")
        and text.count("(") == text.count(")")
    )


def find_notice_title(lines: list[Line], notice_words: tuple[str, ...]) -> tuple[int, int] | None:
    """The notice's title: the first short line near the top with 关于 (or 印发 …的通知),
    with an issuer line just above it at the very top (海南省人民政府办公厅 / 关于…),
    continued over at most three lines until it ends in a notice word."""
    for i, line in enumerate(lines[:12]):
        t = line.text
        if not t or "。" in t or len(t) > 150 or DOC_NUMBER.fullmatch(t):
            continue
        if "关于" not in t and not ("印发" in t and t.endswith("通知")):
            continue
        first = i
        above = [k for k in range(i) if lines[k].text]
        if len(above) == 1 and above[0] == 0 and _is_body_line(lines[0].text):
            first = 0
        last, joined = i, t
        while not _title_complete(joined, notice_words) and last + 1 < len(lines) and last - i < 3:
            nxt = lines[last + 1].text
            if not nxt or "。" in nxt or DOC_NUMBER.search(nxt) or nxt.endswith(":"):
                break
            last += 1
            joined += nxt
        return first, last
    return None


def _split_bodies(text: str, start: int, lx: Lexicon) -> list[Span]:
    """Signature lines run co-issuers together (河北省工业和信息化厅河北省发展和改革委员会):
    split where a province or city name follows a body word; spaces separate too."""
    spans: list[Span] = []
    for part in re.finditer(r"\S+", text):
        chunk, base = part.group(0), part.start()
        cut = 0
        for k in range(2, len(chunk) - 2):
            if BODY_END.search(chunk[:k]) and any(
                chunk.startswith(name, k)
                for name in (chunk[k : k + n] for n in range(2, 9))
                if lx.places.get(lx.place_alias.get(name, "")) is not None
                and lx.places[lx.place_alias[name]].level in ("province", "city")
                and name.endswith(("省", "市", "自治区", "州", "盟"))
            ):
                spans.append((start + base + cut, start + base + k, chunk[cut:k]))
                cut = k
        spans.append((start + base + cut, start + base + len(chunk), chunk[cut:]))
    return spans


def notice_header(lines: list[Line], header: Header, lx: Lexicon) -> None:
    """Title, issuers, date and document number of the notice (the header of the genre:
    number, issuers, title, addressees, the notice text, signature and date)."""
    found = find_notice_title(lines, lx.ordered["notice_words"])
    title_last = -1
    if found:
        first, last = found
        title_last = last
        text = "".join(lines[k].text for k in range(first, last + 1))
        text = re.sub(
            r"《\s*([^》]*?)\s*》", lambda m: "《" + re.sub(r"\s+", "", m.group(1)) + "》", text
        )
        header.title = (lines[first].start, lines[last].end, text)
    # A date line: the signature bodies are the body lines directly above it.
    for idx, line in enumerate(lines[:80]):
        m = DATE_LINE.match(line.text)
        if not m:
            continue
        y, mo, d = m.groups()
        header.issued_on = f"{int(y):04d}-{int(mo):02d}-{int(d):02d}"
        k = idx - 1
        bodies: list[Span] = []
        while k >= 0 and k > title_last and (not lines[k].text or _is_body_line(lines[k].text)):
            if lines[k].text:
                bodies = _split_bodies(lines[k].text, lines[k].start, lx) + bodies
            k -= 1
        if bodies:
            header.issuers = bodies
        break
    if not header.issuers:
        # Bodies between the document number and the title (co-issued notices) …
        top = [
            ln
            for ln in lines[: found[0] if found else 0]
            if ln.text and _is_body_line(ln.text) and not DOC_NUMBER.search(ln.text)
        ]
        for ln in top:
            header.issuers += _split_bodies(ln.text, ln.start, lx)
    if not header.issuers and header.title:
        # … or the title's own prefix (国务院办公厅关于…).
        s, _e, text = header.title
        m = re.match(r"^(.{2,40}?)(?:关于|印发)", text)
        if m and BODY_END.search(m.group(1).replace(" ", "")):
            header.issuers = _split_bodies(m.group(1), s, lx)
    if header.issuers:
        header.issuer = header.issuers[0]
    for line in lines[:12]:
        num = DOC_NUMBER.match(line.text)  # its own line (a cited number stands in text)
        if num:
            header.doc_number = num.group(0)
            break


def parse(norm: NormalisedText, lx: Lexicon) -> Structure:
    """The structure of a document's working copy; the lexicon supplies the plan words
    that end titles and the header words of role tables."""
    plan_words = lx.ordered["plan_words"]
    role_headers = lx.ordered["role_header_words"]
    lines = split_lines(norm.text)
    # The header ends at the first stand-alone title or at the first heading.
    prelim = Header()
    for line in lines[:8]:
        prelim.published += [(0, 0, m.group(1)) for m in QUOTED_TITLE.finditer(line.text)]
    title_blocks = find_plan_titles(lines, [p[2] for p in prelim.published], plan_words)
    first_body = (
        title_blocks[0][0]
        if title_blocks
        else next((i for i, ln in enumerate(lines) if heading_of(ln)), min(len(lines), 6))
    )
    header = parse_header(lines, first_body, plan_words)
    notice_header(lines, header, lx)

    plans: list[PlanTitle] = []
    starts_at: dict[int, int] = {}
    for first, last, joined in title_blocks:
        period = PERIOD.search(joined)
        title = PERIOD.sub("", joined).strip()
        plans.append(
            PlanTitle(
                title=title,
                period=f"{period.group(1)}-{period.group(2)}" if period else None,
                start=lines[first].start,
                end=lines[last].end,
            )
        )
        starts_at[first] = len(plans) - 1
    title_lines = {k for f, last, _ in title_blocks for k in range(f, last + 1)}

    sentences: list[Sentence] = []
    tables: list[Table] = []
    headings: list[tuple[int | None, tuple[Heading, ...]]] = []
    plan: int | None = None
    stack: list[Heading] = []
    table_rows: list[TableRow] = []
    last_text_line = ""

    carried: TableRow | None = None  # a role header that section lines interrupt

    def flush_table() -> None:
        nonlocal table_rows, carried
        if table_rows:
            table = make_table(table_rows, last_text_line, plan, role_headers)
            if table.header is None and carried is not None and len(table.rows[0].cells) >= 2:
                # 一、实施设备更新行动 between the header and its rows (a merged section
                # row rendered as a line): the rows keep the header above.
                table = Table(carried, table.rows, table.title, plan)
            carried = table.header
            tables.append(table)
        table_rows = []

    for idx, line in enumerate(lines):
        if idx in starts_at:
            flush_table()
            plan, stack = starts_at[idx], []
        if idx in title_lines or not line.text:
            continue
        raw = norm.text[line.start - line.lstrip : line.raw_end]
        if "\t" in raw and raw.count("\t") >= 1 and len(raw.split("\t")) >= 3:
            table_rows.append(make_row(raw, line.start - line.lstrip))
            continue
        flush_table()
        if len(line.text) > 40 and heading_of(line) is None:
            carried = None  # running text ends a table's reach
        last_text_line = line.text
        h = heading_of(line)
        if h:
            while stack and stack[-1].level >= h.level:
                stack.pop()
            stack.append(h)
            headings.append((plan, tuple(stack)))
        for m in SENTENCE_END.finditer(norm.text, line.start, line.end):
            s, e = m.start(), m.end()
            while s < e and norm.text[s] in " \t":
                s += 1
            if e - s >= 2:
                sentences.append(Sentence(s, e, norm.text[s:e], plan, tuple(stack)))
    flush_table()
    return Structure(header, plans, sentences, tables, headings)


def make_row(raw: str, offset: int) -> TableRow:
    cells: list[tuple[int, int, str]] = []
    pos = 0
    for cell in raw.split("\t"):
        stripped = cell.strip()
        lead = len(cell) - len(cell.lstrip())
        s = offset + pos + lead
        cells.append((s, s + len(stripped), stripped))
        pos += len(cell) + 1
    number = cells[0][2] if cells and re.fullmatch(r"\d{1,4}", cells[0][2]) else None
    return TableRow(number, cells, offset, offset + len(raw))


def make_table(
    rows: list[TableRow], title: str | None, plan: int | None, role_headers: tuple[str, ...]
) -> Table:
    header = None
    if rows and any(
        any(cell[2] == w[1:] if w.startswith("=") else w in cell[2] for w in role_headers)
        for cell in rows[0].cells
    ):
        header, rows = rows[0], rows[1:]
    return Table(header, rows, title, plan)
