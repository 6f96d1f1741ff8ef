"""The HTTP API and the curated queries, against a real Neo4j loaded from the seeds."""

from __future__ import annotations

import csv
import html
import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver
from neo4j.exceptions import ClientError

from api.main import create_app
from kg.settings import Settings
from queries import registry
from tests.conftest import load_seeds

ROOT = Path(__file__).resolve().parents[2]
TEXTS = {p.stem: p.read_text(encoding="utf-8") for p in (ROOT / "seeds").glob("*.txt")}


@pytest.fixture(scope="module")
def seeded(driver: Driver, neo4j_settings: Settings) -> Driver:
    load_seeds(driver, neo4j_settings)
    return driver


@pytest.fixture(scope="module")
def client(seeded: Driver, neo4j_settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(neo4j_settings)) as c:
        yield c


def rows(client: TestClient, query: str, **params: Any) -> list[dict[str, Any]]:
    name = query
    response = client.get(f"/queries/{name}", params=params)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["query"] == name and body["count"] == len(body["rows"])
    assert body["columns"] == list(registry.get(name).columns)
    return list(body["rows"])


def assert_evidence(items: list[dict[str, Any]]) -> None:
    assert items, "a fact row without evidence"
    for ev in items:
        assert TEXTS[ev["doc"]][ev["start"] : ev["end"]] == ev["text"]


def test_health_up(client: TestClient) -> None:
    assert client.get("/health").json() == {"status": "ok", "neo4j": "up"}


def test_catalogue_lists_the_thirteen_queries(client: TestClient) -> None:
    body = client.get("/queries").json()
    assert {q["name"] for q in body} == {
        "lead-departments",
        "department-tasks",
        "organizations",
        "projects",
        "entity",
        "search",
        "targets",
        "collaborators",
        "partners",
        "plans",
        "exposure",
        "connection",
        "compare",
    }
    lead = next(q for q in body if q["name"] == "lead-departments")
    assert lead["columns"] == ["department", "role", "task", "plan", "evidence", "scope"]
    assert lead["params"][0] == {
        "name": "topic",
        "type": "string",
        "required": True,
        "default": None,
        "description": lead["params"][0]["description"],
    }


def test_lead_departments_of_graphite(client: TestClient) -> None:
    result = rows(client, "lead-departments", topic="石墨")
    leads = {r["department"] for r in result if r["role"] == "lead"}
    assists = {r["department"] for r in result if r["role"] == "assist"}
    assert leads == {"鸡西市人民政府", "鹤岗市人民政府"}
    assert {
        "黑龙江省发展和改革委员会",
        "黑龙江省工业和信息化委员会",
        "黑龙江省商务厅",
        "黑龙江省科学技术厅",
        "黑龙江省人民政府国有资产监督管理委员会",
    } <= assists
    assert "哈尔滨市人民政府" not in leads | assists
    for r in result:
        assert r["plan"] == "黑龙江省培育和发展新兴产业三年实施方案"
        assert_evidence(r["evidence"])


def test_department_tasks_resolve_short_forms(client: TestClient) -> None:
    result = rows(client, "department-tasks", department="省发改委")
    assert {"task": "发展壮大新兴产业创业投资基金", "role": "lead"}.items() <= next(
        r for r in result if r["task"] == "发展壮大新兴产业创业投资基金"
    ).items()
    full = rows(client, "department-tasks", department="黑龙江省发展和改革委员会")
    assert len(full) == len(result)


def test_entity_by_alias(client: TestClient) -> None:
    (row,) = rows(client, "entity", name="哈工大")
    assert row["name"] == "哈尔滨工业大学" and row["type"] == "University"
    assert "哈工大" in row["aliases"] and row["city"] == "哈尔滨市"
    assert row["relations"]
    for rel in row["relations"]:
        assert rel["direction"] in ("in", "out")


def test_search_and_targets(client: TestClient) -> None:
    names = [r["name"] for r in rows(client, "search", q="石墨")]
    assert "鸡西-鹤岗石墨新材料产业集群" in names
    targets = rows(client, "targets", industry="石墨")
    assert any(t["value"] == 110 and t["unit"] == "亿元" and t["year"] == 2018 for t in targets)
    for t in targets:
        assert_evidence(t["evidence"])


def test_organizations_projects_collaborators_plans(client: TestClient) -> None:
    orgs = rows(client, "organizations", industry="机器人", type="Enterprise")
    assert "哈尔滨博实自动化股份有限公司" in {o["name"] for o in orgs}
    assert all(o["type"] == "Enterprise" for o in orgs)
    projects = rows(client, "projects", industry="营养配方食品")
    lan = next(p for p in projects if p["project"].startswith("黑龙江蓝谷食品有限公司"))
    assert lan["organizations"] == ["黑龙江蓝谷食品有限公司"]
    assert_evidence(lan["evidence"])
    collab = rows(client, "collaborators", organization="哈工大")
    assert "哈尔滨医科大学" in {c["name"] for c in collab}
    plans = rows(client, "plans")
    assert len(plans) == 7
    assert {p["issued_by"] for p in plans} == {"黑龙江省人民政府办公厅"}


def test_partners_are_ranked_with_reasons_and_evidence(client: TestClient) -> None:
    result = rows(client, "partners", organization="哈工大机器人集团")
    assert result
    scores = [r["score"] for r in result]
    assert scores == sorted(scores, reverse=True)
    for r in result:
        assert r["score"] == sum(reason["points"] for reason in r["reasons"])
        for reason in r["reasons"]:
            assert reason["reason"]
            assert_evidence(reason["evidence"])
    by_industry = rows(client, "partners", industry="机器人")
    assert by_industry[0]["partner"] == "哈工大机器人集团有限公司"


def test_csv_opens_in_spreadsheets(client: TestClient) -> None:
    response = client.get("/queries/lead-departments", params={"topic": "石墨", "format": "csv"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert response.content.startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert table[0] == ["department", "role", "task", "plan", "evidence", "scope"]
    assert any(row[0] == "鸡西市人民政府" for row in table[1:])


def test_error_contract(client: TestClient, neo4j_settings: Settings) -> None:
    unknown = client.get("/queries/no-such-query")
    assert unknown.status_code == 404 and "no-such-query" in unknown.json()["detail"]
    missing = client.get("/queries/lead-departments")
    assert missing.status_code == 422 and missing.json()["param"] == "topic"
    bad = client.get("/queries/organizations", params={"limit": "many"})
    assert bad.status_code == 422 and bad.json()["param"] == "limit"
    too_many = client.get("/queries/plans", params={"limit": neo4j_settings.max_rows + 1})
    assert too_many.status_code == 422 and too_many.json()["param"] == "limit"
    neither = client.get("/queries/partners")
    assert neither.status_code == 422 and "organization" in neither.json()["detail"]
    lucene = client.get("/queries/search", params={"q": 'AND OR ( "石墨'})
    assert lucene.status_code == 200
    far = client.get("/queries/plans", params={"offset": registry.MAX_OFFSET + 1})
    assert far.status_code == 422 and far.json()["param"] == "offset"
    xml = client.get("/queries/plans", params={"format": "xml"})
    assert xml.status_code == 422 and xml.json()["param"] == "format"
    flag = client.get("/queries/targets", params={"industry": "石墨", "baselines": "maybe"})
    assert flag.status_code == 422 and flag.json()["param"] == "baselines"
    # an unknown name with a bad parameter is still an unknown name; a long one is not echoed
    assert len(client.get("/queries/" + "x" * 20_000).content) < 2_000
    assert client.get("/queries/no-such-query", params={"format": "xml"}).status_code == 404


def test_the_schema_documents_every_query_with_its_parameters(
    client: TestClient, neo4j_settings: Settings
) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for query in registry.catalogue().values():
        operation = paths[f"/queries/{query.name}"]["get"]
        declared = {p["name"]: p for p in operation["parameters"]}
        assert set(declared) == {p.name for p in query.params} | {"limit", "offset", "format"}
        for p in query.params:
            assert declared[p.name]["required"] == p.required
            assert declared[p.name]["schema"]["type"] == p.type
        assert declared["limit"]["schema"]["maximum"] == neo4j_settings.max_rows
        assert set(operation["responses"]) >= {"200", "404", "422", "503"}
    assert "/queries" in paths and "/health" in paths


def test_neo4j_down_is_503(neo4j_settings: Settings) -> None:
    down = Settings(NEO4J_URI="bolt://127.0.0.1:1", NEO4J_PASSWORD="x" * 8)
    with TestClient(create_app(down)) as c:
        health = c.get("/health")
        assert health.status_code == 503 and health.json()["neo4j"] == "down"
        result = c.get("/queries/plans")
        assert result.status_code == 503
        assert "not reachable" in result.json()["detail"]


def test_queries_cannot_write(seeded: Driver, neo4j_settings: Settings) -> None:
    with pytest.raises(ClientError) as info:
        registry.run_read(
            seeded,
            neo4j_settings.neo4j_database,
            "CREATE (:Intruder {id: 'x'}) RETURN 1 AS one",
            {},
            5.0,
            10,
        )
    assert "read" in str(info.value).lower()
    count = seeded.execute_query("MATCH (n:Intruder) RETURN count(n) AS c").records[0]["c"]
    assert count == 0


def test_queries_time_out(seeded: Driver, neo4j_settings: Settings) -> None:
    slow = "UNWIND range(1, 500000000) AS x WITH x WHERE x < 0 RETURN count(x) AS c"
    with pytest.raises(registry.QueryTimeout):
        registry.run_read(seeded, neo4j_settings.neo4j_database, slow, {}, 0.5, 10)


def test_readme_table_matches_the_catalogue() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert registry.markdown_table() in readme, (
        "README's query table is out of date: paste `kg queries --markdown` into it"
    )


def test_every_query_of_the_browser_guide_runs_and_shows_something(
    client: TestClient, seeded: Driver, neo4j_settings: Settings
) -> None:
    page = client.get("/browser/guide.html")
    assert page.status_code == 200
    queries = [
        html.unescape(q)
        for q in re.findall(r'<pre class="[^"]*runnable[^"]*">(.*?)</pre>', page.text, re.S)
    ]
    assert len(queries) >= 10
    with seeded.session(database=neo4j_settings.neo4j_database) as session:
        for q in queries:
            assert session.run(q).data(), q  # each slide shows rows on the seeds
