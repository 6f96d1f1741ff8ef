"""Structure: the header of the notice, plan titles, headings, tables (no database)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from ingest.lexicon import load_lexicon
from ingest.read import normalise, read_source
from ingest.structure import Line, heading_of, parse

ROOT = Path(__file__).resolve().parents[2]
REAL = ROOT / "tests" / "data" / "real"
GOLD = sorted((REAL / "gold").glob("*.json"))


def _original(src_text: str, norm_span: tuple[int, int], norm: object) -> str:
    s, e = norm.span(*norm_span)  # type: ignore[attr-defined]
    return src_text[s:e]


@pytest.mark.parametrize("gold_path", GOLD, ids=[p.stem[:2] for p in GOLD])
def test_header_of_every_real_document(gold_path: Path) -> None:
    """Title (lines joined, parentheses kept), every issuer, date and number, against
    the hand-made gold of each real document."""
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    expected = gold["header"]
    src = read_source(REAL / gold["document"])
    norm = normalise(src.text)
    header = parse(norm, load_lexicon()).header
    title = _original(src.text, header.title[:2], norm) if header.title else None
    assert re.sub(r"\s", "", title or "") == re.sub(r"\s", "", expected["title"] or "")
    issuers = [_original(src.text, (s, e), norm) for s, e, _t in header.issuers]
    assert issuers == expected["issuers"] or set(issuers) == set(expected["issuers"])
    assert header.issued_on == expected["date"]
    number = None
    if header.doc_number:
        at = norm.text.find(header.doc_number)
        number = _original(src.text, (at, at + len(header.doc_number)), norm)
    assert number == expected["doc_number"]


@pytest.mark.parametrize(
    ("line", "level", "title"),
    [
        ("一、总体要求", 1, "总体要求"),
        ("（二）建设创新平台。依托……", 2, "建设创新平台"),
        ("3.强化金融支持。", 3, "强化金融支持"),
        ("（4）加强宣传", 4, "加强宣传"),
        ("---推广应用", 5, "推广应用"),
        ("2018年全省产量约1.2万台", None, None),
        ("1.5万台以上", None, None),
    ],
)
def test_heading_labels(line: str, level: int | None, title: str | None) -> None:
    text = normalise(line).text
    h = heading_of(Line(0, len(text), text, 0))
    assert (h.level, h.title) == (level, title) if h else level is None


def test_plan_title_split_over_lines_and_its_period() -> None:
    text = (
        "吉林省人民政府办公厅\n2021年3月5日\n\n吉林省新能源汽车产业发展\n三年行动计划\n"
        "（2021－2023年）\n\n一、发展目标\n到2023年……。\n"
    )
    st = parse(normalise(text), load_lexicon())
    assert [(p.title, p.period) for p in st.plans] == [
        ("吉林省新能源汽车产业发展三年行动计划", "2021-2023")
    ]
    assert st.header.issued_on == "2021-03-05"
    assert [t for _s, _e, t in st.header.issuers] == ["吉林省人民政府办公厅"]


@pytest.mark.parametrize(
    "signature",
    [
        "国网重庆市电力公司\n2024年10月30日\n（此件公开发布）\n",  # a publication note
        "湖南省发展和改革委员会\n2023年12月14日\n附件\n",  # a bare annex label
        "河北省人民政府办公厅\n2023年1月20日",  # the title on the date's line
    ],
)
def test_a_plan_title_after_the_signature_block_is_the_title_alone(signature: str) -> None:
    title = "重庆市新能源汽车与电网融合互动工作方案"
    text = f"现印发给你们，请认真贯彻执行。\n{signature}{title}\n一、总体要求\n到2025年……。\n"
    st = parse(normalise(text), load_lexicon())
    assert [p.title for p in st.plans] == [title]


def test_co_issuers_run_together_are_split() -> None:
    text = (
        "关于印发《若干措施》的通知\n冀工信〔2023〕8号\n正文。\n"
        "河北省工业和信息化厅河北省发展和改革委员会\n2023年5月11日\n"
    )
    norm = normalise(text)
    st = parse(norm, load_lexicon())
    assert [t for _s, _e, t in st.header.issuers] == [
        "河北省工业和信息化厅",
        "河北省发展和改革委员会",
    ]
    # the working copy has parentheses for 〔〕; the original keeps its brackets
    assert st.header.doc_number == "冀工信(2023)8号"
    at = norm.text.find(st.header.doc_number)
    assert _original(text, (at, at + len(st.header.doc_number)), norm) == "冀工信〔2023〕8号"


def test_table_rows_with_empty_cells_and_a_role_header() -> None:
    text = (
        "序号\t领域\t任务\t牵头责任部门\n"
        "1\t工业\t组织实施技术改造。\t市工信局\n2\t\t新建绿色工厂。\t\n"
    )
    st = parse(normalise(text), load_lexicon())
    (table,) = st.tables
    assert table.header is not None
    assert [row.cells[2][2] for row in table.rows] == ["组织实施技术改造。", "新建绿色工厂。"]
