"""Role statements and how they become lead/assist pairs on tasks (no database)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.batch import extract_paths
from ingest.kinds import Rel
from ingest.lexicon import load_lexicon
from ingest.read import normalise
from ingest.records import NodeRecord, RelationshipRecord
from ingest.roles import first_listed_leads, prose_roles, unit_roles


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "（省工信厅牵头，省发改委、省科技厅配合）",
            [("lead", "省工信厅"), ("assist", "省发改委、省科技厅")],
        ),
        ("（农业农村部、工业和信息化部等负责）", [("responsible", "农业农村部、工业和信息化部等")]),
        (
            "（市市场监管局牵头负责，市发改委按职责分工负责）",
            [("lead", "市市场监管局"), ("assist", "市发改委")],
        ),
        ("（牵头单位：省商务厅）", [("lead", "省商务厅")]),
        # tortoise-shell brackets, as some provinces print them
        (
            "〔责任单位：省发改委（数据管理局）、工信厅按职责分工负责〕",
            [("responsible", "省发改委(数据管理局)、工信厅按职责分工负责")],
        ),
        (
            "（责任单位：市经济信息委、市发展改革委，国网重庆电力、有关企业）",
            [("responsible", "市经济信息委、市发展改革委,国网重庆电力、有关企业")],
        ),
        ("主责单位：市规划自然资源委，市统计局", [("lead", "市规划自然资源委,市统计局")]),
        ("（持续推进，牵头考核单位：市工信局）", [("lead", "市工信局")]),
        (
            "由省委宣传部牵头，省委网信办、省能源局配合，做好宣传。",
            [("lead", "省委宣传部"), ("assist", "省委网信办、省能源局")],
        ),
        ("联席会议办公室设在省科技厅，负责日常工作。", [("lead", "省科技厅")]),
        # prose 负责 is joint, like （X、Y负责）: 列第一位者为牵头单位 applies to it too
        (
            "（工业和信息化部、科技部等负责。列第一位者为牵头单位，下同）",
            [("responsible", "工业和信息化部、科技部等")],
        ),
        ("（以下简称哈工大）", []),
    ],
)
def test_role_statements(text: str, expected: list[tuple[str, str]]) -> None:
    work = normalise(text).text
    spans = prose_roles(work, load_lexicon())
    assert [(s.role, work[s.start : s.end]) for s in spans] == [
        (role, normalise(units).text) for role, units in expected
    ]


@pytest.mark.parametrize(
    ("role", "first_leads", "marked", "expected"),
    [
        ("lead", False, "", [Rel.LEADS, Rel.LEADS]),
        ("assist", False, "", [Rel.ASSISTS, Rel.ASSISTS]),
        ("responsible", False, "", [Rel.LEADS, Rel.LEADS]),  # joint responsibility
        ("responsible", True, "", [Rel.LEADS, Rel.ASSISTS]),  # 列第一位者为牵头单位
        ("responsible", False, "(牵头)", [Rel.LEADS, Rel.ASSISTS]),  # X（牵头）
    ],
)
def test_unit_roles(role: str, first_leads: bool, marked: str, expected: list[Rel]) -> None:
    text = f"甲局{marked}、乙局"
    units = [(0, 2), (3 + len(marked), 5 + len(marked))]
    assert unit_roles(role, units, text, 0, first_leads) == expected


def test_first_listed_leads_is_read_from_the_document() -> None:
    assert first_listed_leads("（列第一位者为牵头单位，下同）")
    assert not first_listed_leads("（省工信厅牵头）")


def test_each_statement_closes_its_own_stretch(tmp_path: Path) -> None:
    """Two statements under one heading are two tasks; a role line under its item is
    the item's task."""
    doc = tmp_path / "stretch.txt"
    doc.write_text(
        "山东省人民政府办公厅\n2020年6月1日\n\n山东省氢能产业行动计划\n\n一、重点任务\n"
        "（一）建设园区。建设潍坊氢能产业园。（责任单位：省发展改革委）推进济南起步区建设。"
        "（责任单位：省自然资源厅）\n"
        "1.强化金融支持。\n主责单位：省财政厅，省地方金融监管局\n",
        encoding="utf-8",
    )
    run = extract_paths([doc])
    records = [r for _s, recs in run.documents() for r in recs]
    nodes = {r.id: r for r in records if isinstance(r, NodeRecord)}
    roles = {
        (nodes[r.start].name, str(nodes[r.end].properties.get("text")))
        for r in records
        if isinstance(r, RelationshipRecord) and r.type == "LEADS"
    }
    by_unit = {unit: task for unit, task in roles}
    assert "建设潍坊氢能产业园" in by_unit["山东省发展和改革委员会"]
    assert "推进济南起步区建设" in by_unit["山东省自然资源厅"]
    assert "建设潍坊" not in by_unit["山东省自然资源厅"]
    assert "强化金融支持" in by_unit["山东省财政厅"]
