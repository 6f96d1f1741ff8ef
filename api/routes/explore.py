"""Pages for people: the partner-finder desk page, and the Neo4j Browser guide and style.

The guide and style are fetched by Neo4j Browser on connect (neo4j.conf allow-lists this
API's host and runs `style …; play …` after connecting).
"""

from __future__ import annotations

from importlib import resources

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, Response

from api.deps import SettingsDep

router = APIRouter(include_in_schema=False)


def static_text(*parts: str) -> str:
    return resources.files("api").joinpath("static", *parts).read_text(encoding="utf-8")


def fill(template: str, api: str, browser: str) -> str:
    """The page with its links: never from the request's Host header (a caller could put
    any site there), but from the settings."""
    return template.replace("{{api}}", api).replace("{{browser}}", browser)


@router.get("/desk", response_class=HTMLResponse)
def desk(settings: SettingsDep) -> HTMLResponse:
    # The desk calls the API it was served by: same-origin relative URLs.
    return HTMLResponse(fill(static_text("desk", "index.html"), "", settings.browser_url))


@router.get("/browser/guide.html", response_class=HTMLResponse)
def browser_guide(settings: SettingsDep) -> HTMLResponse:
    # Neo4j Browser shows the guide on its own origin: links must be absolute.
    page = static_text("browser", "guide.html")
    return HTMLResponse(fill(page, settings.public_api_url, settings.browser_url))


@router.get("/browser/style.grass")
def browser_style() -> Response:
    return Response(static_text("browser", "style.grass"), media_type="text/plain; charset=utf-8")
