"""End-to-end, in headless Chromium (Debian's package, driven by Playwright): the desk
page finds partners with evidence; Neo4j Browser connects and shows our guide.
Screenshots go to test-artifacts/."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from neo4j import Driver
from playwright.sync_api import Browser, Page, sync_playwright

from kg.settings import Settings
from queries import registry
from tests.conftest import load_seeds, serve_api

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = os.environ.get("KG_CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
# Flags for a sandboxed machine without internet (no background fetches, no GPU).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def api(driver: Driver, neo4j_settings: Settings) -> Iterator[str]:
    """The API on the port neo4j.conf names in browser.post_connect_cmd."""
    load_seeds(driver, neo4j_settings)
    with serve_api(neo4j_settings, neo4j_settings.api_port) as url:
        yield url


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    assert Path(CHROMIUM).exists(), f"{CHROMIUM} missing: apt-get install -y chromium"
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture()
def page(chromium: Browser) -> Iterator[Page]:
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    yield context.new_page()
    context.close()


def test_desk_finds_partners_with_evidence(
    api: str, page: Page, driver: Driver, neo4j_settings: Settings
) -> None:
    page.goto(f"{api}/desk")
    page.fill("#q", "哈工大机器人集团")
    page.wait_for_selector("#suggestions li", timeout=15000)
    assert "哈工大机器人集团有限公司" in page.inner_text("#suggestions")
    page.click("button[type=submit]")
    page.wait_for_selector(".partner", timeout=20000)
    _params, expected = registry.run(
        driver,
        neo4j_settings.neo4j_database,
        registry.get("partners"),
        {"organization": "哈工大机器人集团有限公司"},
        limit=20,
    )
    names = page.locator(".partner h2 a").all_inner_texts()
    assert names == [row["partner"] for row in expected]
    first = page.locator(".partner").first
    evidence = first.locator(".evidence").first.inner_text()
    sentence = expected[0]["reasons"][0]["evidence"][0]["text"]
    assert sentence in evidence
    link = first.locator("h2 a").get_attribute("href") or ""
    assert link.startswith(neo4j_settings.browser_url) and "cmd=edit" in link
    page.screenshot(path=str(ARTIFACTS / "desk.png"))


def test_desk_shows_exposure_and_draws_a_connection(
    api: str, page: Page, driver: Driver, neo4j_settings: Settings
) -> None:
    page.goto(f"{api}/desk")
    page.fill("#q", "哈电集团")
    page.click("button[type=submit]")
    page.wait_for_selector("#exposure .fact", timeout=20000)
    db = neo4j_settings.neo4j_database
    _p, facts = registry.run(
        driver, db, registry.get("exposure"), {"organization": "哈尔滨电气集团公司"}, limit=200
    )
    assert page.locator("#exposure .fact").count() == len(facts)
    assert facts[0]["evidence"][0]["text"] in page.inner_text("#exposure")

    page.fill("#other", "中国广核集团有限公司")
    page.click("#connect-form button[type=submit]")
    page.wait_for_selector(".path svg", timeout=20000)
    _p, paths = registry.run(
        driver,
        db,
        registry.get("connection"),
        {"organization": "哈尔滨电气集团公司", "other": "中国广核集团有限公司"},
        limit=5,
    )
    assert page.locator(".path").count() == len(paths)
    drawn = page.locator(".path").first.locator("svg text").all_text_contents()
    assert "哈尔滨电气集团公司" in drawn and "中国广核集团有限公司" in drawn
    assert paths[0]["hops"][0]["rel"] in drawn
    assert paths[0]["hops"][0]["evidence"][0]["text"] in page.inner_text("#paths")
    assert page.locator("#suggestions li").count() == 0  # no stale suggestions over results
    page.locator("#exposure").screenshot(path=str(ARTIFACTS / "desk-exposure.png"))
    page.locator("#connect").screenshot(path=str(ARTIFACTS / "desk-connection.png"))


def test_desk_searches_an_industry(api: str, page: Page) -> None:
    page.goto(f"{api}/desk")
    page.fill("#q", "机器人")
    page.wait_for_selector("#suggestions li[data-type=Industry]", timeout=15000)
    page.click("#suggestions li[data-type=Industry]")
    page.wait_for_selector(".partner", timeout=20000)
    assert "产业 Industry" in page.inner_text("#subject")
    assert page.locator(".partner").count() >= 2


def test_neo4j_browser_connects_and_shows_the_guide(
    api: str, page: Page, neo4j_settings: Settings
) -> None:
    if not neo4j_settings.managed:
        return  # an external server's Browser and neo4j.conf are not ours
    page.goto(neo4j_settings.browser_url)
    page.get_by_test_id("username").fill(neo4j_settings.neo4j_user)
    page.get_by_test_id("password").fill(neo4j_settings.neo4j_password.get_secret_value())
    page.get_by_test_id("connect").click()
    page.wait_for_selector("text=政策知识图谱", timeout=30000)
    body = page.inner_text("body")
    assert "MATCH (n:Node) WHERE NOT n:Passage" in body  # the guide's first runnable query
    assert "node.Enterprise" in body  # the :style frame shows our style, not an error
    assert "InvalidGrassError" not in body and "No guide by that name" not in body
    page.screenshot(path=str(ARTIFACTS / "browser-guide.png"))
