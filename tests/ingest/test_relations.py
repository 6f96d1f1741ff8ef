"""Relations of a sentence: plan-level roles, focus regions, list tails, collaborations
(no database). The documents are written for these tests in the genre's style."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.batch import extract_paths
from ingest.records import NodeRecord, RelationshipRecord

HEADER = (
    "吉林省人民政府办公厅关于印发吉林省绿色食品产业发展规划的通知\n"
    "吉政办发〔2019〕12号\n\n各市（州）人民政府：\n\n吉林省绿色食品产业发展规划\n\n"
)


def relations(tmp_path: Path, body: str) -> set[tuple[str, str, str]]:
    path = tmp_path / "plan.txt"
    path.write_text(HEADER + body, encoding="utf-8")
    run = extract_paths([path])
    records = [r for _s, recs in run.documents() for r in recs]
    assert not run.failures
    names = {r.id: r.name for r in records if isinstance(r, NodeRecord)}
    return {
        (r.type, names[r.start], names[r.end])
        for r in records
        if isinstance(r, RelationshipRecord) and r.type != "MENTIONS"
    }


PLAN = "吉林省绿色食品产业发展规划"


@pytest.mark.parametrize(
    ("body", "lead"),
    [
        (
            "三、保障措施\n全省绿色食品产业由省发展改革委牵头，省直各有关部门各负其责。\n",
            "吉林省发展和改革委员会",
        ),
        ("三、保障措施\n联席会议办公室设在省科技厅，负责日常工作。\n", "吉林省科学技术厅"),
    ],
)
def test_plan_level_roles_lead_the_plan(tmp_path: Path, body: str, lead: str) -> None:
    assert ("LEADS", lead, PLAN) in relations(tmp_path, body)


def test_a_task_role_does_not_lead_the_plan(tmp_path: Path) -> None:
    body = "二、重点任务\n（一）建设标准体系。制定地方标准。（牵头单位：省市场监管厅）\n"
    rels = relations(tmp_path, body)
    assert ("LEADS", "吉林省市场监督管理厅", PLAN) not in rels
    assert any(t == "LEADS" and u == "吉林省市场监督管理厅" for t, u, _ in rels)


def test_places_before_a_region_word_are_focus_regions(tmp_path: Path) -> None:
    body = "二、重点任务\n重点突出长春、四平、白城等奶牛养殖优势地区。对标浙江、上海等先进地区。\n"
    focus = {(a, b) for t, a, b in relations(tmp_path, body) if t == "FOCUS_REGION"}
    assert focus == {("绿色食品", "长春市"), ("绿色食品", "四平市"), ("绿色食品", "白城市")}


def test_a_list_tail_names_the_industry_of_its_items(tmp_path: Path) -> None:
    body = "二、重点任务\n支持长春皓月、吉林广泽、延边畜牧等乳制品企业做大做强。\n"
    active = {(a, b) for t, a, b in relations(tmp_path, body) if t == "ACTIVE_IN"}
    assert {("长春皓月", "乳制品"), ("吉林广泽", "乳制品"), ("延边畜牧", "乳制品")} <= active
    body = "二、重点任务\n支持长春皓月、吉林广泽等龙头企业做大做强。\n"
    assert not any(b == "龙头" for t, _a, b in relations(tmp_path, body) if t == "ACTIVE_IN")


def test_a_collaboration_with_a_list_whose_subject_is_the_clause_before(tmp_path: Path) -> None:
    body = (
        "二、重点任务\n发挥长春皓月集团有限公司加工优势，与伊利实业集团股份有限公司、"
        "蒙牛乳业集团公司等龙头企业联合，开拓国内外市场。\n"
    )
    collab = {(a, b) for t, a, b in relations(tmp_path, body) if t == "COLLABORATES_WITH"}
    assert collab == {
        ("长春皓月集团有限公司", "伊利实业集团股份有限公司"),
        ("长春皓月集团有限公司", "蒙牛乳业集团公司"),
    }


def test_foreign_partners_count(tmp_path: Path) -> None:
    body = (
        "二、重点任务\n支持长春皓月集团有限公司与德国西门子公司、日本发那科公司合作开发智能工厂。\n"
    )
    collab = {(a, b) for t, a, b in relations(tmp_path, body) if t == "COLLABORATES_WITH"}
    assert collab == {
        ("长春皓月集团有限公司", "德国西门子公司"),
        ("长春皓月集团有限公司", "日本发那科公司"),
    }
