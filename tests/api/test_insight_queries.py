"""exposure, connection and compare (issue 13) through the HTTP API, over the seeds and
three real notices (Fujian and Hunan charging plans, Hainan trade-in) in a real Neo4j."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver

from kg.settings import Settings
from tests.api.loaded import REAL, ROOT, client_over, rows

DOCS = [
    ROOT / "seeds",
    REAL / "11_fujian_charging_infrastructure.txt",
    REAL / "24_hunan_charging_infrastructure.txt",
    REAL / "12_hainan_equipment_renewal_2025.txt",
]


@pytest.fixture(scope="module")
def client(driver: Driver, neo4j_settings: Settings) -> Iterator[TestClient]:
    yield from client_over(driver, neo4j_settings, DOCS)


def test_exposure_is_a_dated_card_of_every_fact(client: TestClient) -> None:
    result = rows(client, "exposure", organization="哈工大机器人集团")
    assert {r["organization"] for r in result} == {"哈工大机器人集团有限公司"}
    kinds = {r["kind"] for r in result}
    assert {"supported by plan", "named in document", "undertakes project"} <= kinds
    issued = [r["issued_on"] for r in result if r["issued_on"]]
    assert issued == sorted(issued)  # ordered by document date
    for r in result:
        assert r["item"] and r["evidence"] and r["document"]
        assert r["evidence"][0]["text"]


def test_exposure_names_co_participants(client: TestClient) -> None:
    result = rows(client, "exposure", organization="哈电集团")
    partners = {r["item"] for r in result if r["kind"] == "co-participant"}
    assert {"中国广核集团有限公司", "中国核工业集团公司"} <= partners


def test_exposure_of_a_utility_lists_the_tasks_it_leads(client: TestClient) -> None:
    result = rows(client, "exposure", organization="国网福建省电力有限公司")
    led = [r for r in result if r["kind"] == "leads task"]
    assert len(led) >= 5
    assert {r["issued_on"] for r in led} == {"2024-03-08"}
    assert all("福建" in r["document"] for r in led)
    assert any(r["kind"] == "co-participant" and "发展和改革委员会" in r["item"] for r in result)


def test_connection_explains_every_hop(client: TestClient) -> None:
    result = rows(
        client, "connection", organization="国网福建省电力有限公司", other="福建省住房和城乡建设厅"
    )
    assert result
    first = result[0]
    assert first["strength"] == "stated" and first["length"] <= 4
    hops = first["hops"]
    assert len(hops) == first["length"]
    assert hops[0]["from"] == "国网福建省电力有限公司"
    assert hops[-1]["to"] == "福建省住房和城乡建设厅"
    for a, b in itertools.pairwise(hops):
        assert a["to"] == b["from"]  # a chain
    for hop in hops:
        assert hop["evidence"] and hop["evidence"][0]["text"]


def test_connection_of_two_enterprises_through_a_collaboration(client: TestClient) -> None:
    result = rows(client, "connection", organization="哈电集团", other="中国广核集团有限公司")
    assert result[0]["length"] == 1
    (hop,) = result[0]["hops"]
    assert hop["rel"] == "COLLABORATES_WITH"
    assert "中国广核集团有限公司" in hop["evidence"][0]["text"]


def test_connection_refuses_one_and_the_same(client: TestClient) -> None:
    assert rows(client, "connection", organization="哈电集团", other="哈尔滨电气集团公司") == []


def test_compare_puts_two_provinces_side_by_side(client: TestClient) -> None:
    result = rows(client, "compare", industry="充电基础设施")
    provinces = {r["province"] for r in result}
    assert {"福建省", "湖南省"} <= provinces
    for province in ("福建省", "湖南省"):
        mine = [r for r in result if r["province"] == province]
        assert any(r["kind"] == "target" and r["value"] is not None for r in mine)
        assert any(r["kind"] == "lead" and r["department"] and r["tasks"] >= 1 for r in mine)
    for r in result:
        assert r["document"] and r["issuer"] and r["evidence"]
    hunan = rows(client, "compare", industry="充电基础设施", places="湖南")
    assert hunan and {r["province"] for r in hunan} == {"湖南省"}
