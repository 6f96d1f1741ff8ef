"""Pages for people: the partner-finder desk page, and the Neo4j Browser guide and style.

The guide and style are fetched by Neo4j Browser on connect (neo4j.conf allow-lists this
API's host and runs `style …; play …` after connecting).
"""

from __future__ import annotations

from importlib import resources

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from api.deps import SettingsDep

router = APIRouter(include_in_schema=False)


def static_text(*parts: str) -> str:
    return resources.files("api").joinpath("static", *parts).read_text(encoding="utf-8")


def fill(template: str, request: Request, browser: str) -> str:
    # The URL this caller used to reach us, so links work whatever the bind address.
    api = str(request.base_url).rstrip("/")
    return template.replace("{{api}}", api).replace("{{browser}}", browser)


@router.get("/desk", response_class=HTMLResponse)
def desk(request: Request, settings: SettingsDep) -> HTMLResponse:
    return HTMLResponse(fill(static_text("desk", "index.html"), request, settings.browser_url))


@router.get("/browser/guide.html", response_class=HTMLResponse)
def browser_guide(request: Request, settings: SettingsDep) -> HTMLResponse:
    return HTMLResponse(fill(static_text("browser", "guide.html"), request, settings.browser_url))


@router.get("/browser/style.grass")
def browser_style() -> Response:
    return Response(static_text("browser", "style.grass"), media_type="text/plain; charset=utf-8")
