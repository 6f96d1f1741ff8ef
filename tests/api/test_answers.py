"""Complete answers (issue 12): one question of each kind a researcher or the desk asks,
through the HTTP API, over the seeds and three real notices of the development corpus
(central 农机, Fujian charging, Hainan trade-in) loaded into a real Neo4j."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver

from kg.settings import Settings
from tests.api.loaded import REAL, ROOT, client_over, rows

DOCS = [
    ROOT / "seeds",
    REAL / "02_central_agri_machinery_2018.txt",
    REAL / "11_fujian_charging_infrastructure.txt",
    REAL / "12_hainan_equipment_renewal_2025.txt",
]


@pytest.fixture(scope="module")
def client(driver: Driver, neo4j_settings: Settings) -> Iterator[TestClient]:
    yield from client_over(driver, neo4j_settings, DOCS)


def test_plan_level_responsibility_is_a_lead_of_the_plan(client: TestClient) -> None:
    """建立由农业农村部、工业和信息化部牵头的…协调推进机制，统筹协调…: the two lead the plan."""
    plan_rows = [r for r in rows(client, "lead-departments", topic="农机") if r["scope"] == "plan"]
    leads = {r["department"] for r in plan_rows if r["role"] == "lead"}
    assert {"农业农村部", "工业和信息化部"} <= leads
    for r in plan_rows:
        assert r["task"] is None and "农机装备" in r["plan"]
        assert any("统筹协调" in e["text"] for e in r["evidence"])
    # and the department's own answer says it leads the whole plan
    own = rows(client, "department-tasks", department="农业农村部")
    assert any(r["scope"] == "plan" and r["role"] == "lead" for r in own)
    assert any(r["scope"] == "task" for r in own)


def test_a_unit_that_is_no_department_has_its_tasks(client: TestClient) -> None:
    """（责任单位：省发改委、…、国网福建省电力有限公司按职责分工负责）: a utility leads."""
    result = rows(client, "department-tasks", department="国网福建省电力有限公司")
    assert len(result) >= 5
    assert {r["unit"] for r in result} == {"国网福建省电力有限公司"}
    assert {r["role"] for r in result} == {"lead"}
    for r in result:
        assert r["task"] and r["plan"] and r["evidence"]
        assert any("国网福建省电力有限公司" in e["text"] for e in r["evidence"])


def test_a_target_series_is_one_row_per_year_and_baselines_are_left_out(
    client: TestClient,
) -> None:
    """2018-2020年，我省专用车产量逐年增加至6000辆、10000辆和15000辆."""
    result = rows(client, "targets", plan="改装汽车")
    output = sorted(
        (r["year"], r["value"], r["series"])
        for r in result
        if r["metric"] == "产量" and r["unit"] == "辆"
    )
    assert output == [(2018, 6000.0, 1), (2019, 10000.0, 2), (2020, 15000.0, 3)]
    ranged = [r for r in result if r["value_min"] is not None]
    assert ("专用车整车龙头企业", 5.0, 8.0) in {
        (r["object"], r["value_min"], r["value"]) for r in ranged
    }
    everything = rows(client, "targets", baselines="true")
    assert not any(r["baseline"] for r in rows(client, "targets"))
    baselines = [r for r in everything if r["baseline"]]
    assert any(r["value"] == 5500.0 and r["year"] == 2017 for r in baselines)


def test_a_collaboration_with_a_list(client: TestClient) -> None:
    """发挥…哈电集团核岛常规岛设备系统供应能力，与中国广核集团有限公司、中国核工业集团公司等龙头企业联合."""
    result = rows(client, "collaborators", organization="哈电集团")
    names = {r["name"] for r in result}
    assert {"中国广核集团有限公司", "中国核工业集团公司"} <= names


def test_a_list_typed_by_its_tail_names_the_sub_industry(client: TestClient) -> None:
    result = rows(client, "organizations", industry="婴幼儿配方乳粉", type="Enterprise")
    names = {r["name"] for r in result}
    assert {"飞鹤", "完达山"} <= names
    for r in result:
        assert any("乳粉" in i for i in r["industries"])


def test_key_regions_of_an_industry_and_of_a_plan(client: TestClient) -> None:
    """重点突出齐齐哈尔、大庆、黑河、绥化等汉麻种植优势地区 (seeds); 支持海口、三亚、屯昌、
    文昌等市县加快建设… (Hainan)."""
    (hemp,) = rows(client, "entity", name="汉麻")
    focus = {r["other"] for r in hemp["relations"] if r["type"] == "FOCUS_REGION"}
    assert focus == {"齐齐哈尔市", "大庆市", "黑河市", "绥化市"}
    (haikou,) = rows(client, "entity", name="海口市")
    focus_of = [r for r in haikou["relations"] if r["type"] == "FOCUS_REGION"]
    assert focus_of and all(r["direction"] == "in" for r in focus_of)
    assert any("三亚" in e["text"] for r in focus_of for e in r["evidence"])


def test_organisations_by_city_and_industry(client: TestClient) -> None:
    result = rows(client, "organizations", industry="机器人", city="哈尔滨", type="Enterprise")
    assert result
    for r in result:
        assert "哈尔滨" in (r["city"] or "") or r["name"].startswith("哈")
        assert any("机器人" in i for i in r["industries"])


def test_partners_put_stated_ties_before_shared_context(client: TestClient) -> None:
    result = rows(client, "partners", organization="哈电集团")
    strengths = [r["strength"] for r in result]
    assert "stated" in strengths and "shared context" in strengths
    # every candidate with a stated tie ranks above every one with shared context only
    assert strengths == sorted(strengths, key=lambda s: s != "stated")
    top = result[0]
    assert any(reason["points"] >= 6 for reason in top["reasons"])


def test_listed_projects_that_do_not_end_in_xiangmu(client: TestClient) -> None:
    """全力推进…单工位精密打磨系列工业机器人、…、微创腹腔镜手术机器人、…等项目建设."""
    result = rows(client, "projects", industry="机器人")
    by_name = {r["project"]: r for r in result}
    for name in ("单工位精密打磨系列工业机器人", "微创腹腔镜手术机器人"):
        assert name in by_name
        assert by_name[name]["plan"] and by_name[name]["evidence"]
    assert not {"以旧换新", "车网互动"} & set(by_name)
