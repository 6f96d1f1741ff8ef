"""The read-only HTTP API: assembles the app (routes live in api/routes/)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from typing import Any

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.routes import explore, health, queries
from graph.connection import make_driver
from kg.settings import Settings


class HeadAsGet:
    """HEAD on any GET route: the GET response's status and headers, without its body
    (Starlette answers 405 to HEAD on routes declared for GET only)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, headers_only)


class LimitHeaders:
    """431 for requests whose headers exceed MAX_HEADER_BYTES: the HTTP parser accepts
    megabytes of them, and nothing this API serves needs more than a few kilobytes."""

    MAX_HEADER_BYTES = 16 * 1024

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            size = sum(len(k) + len(v) for k, v in scope["headers"])
            if size > self.MAX_HEADER_BYTES:
                response = JSONResponse(
                    {
                        "detail": f"request headers of {size} bytes are more than "
                        f"{self.MAX_HEADER_BYTES}"
                    },
                    status_code=431,
                )
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


def _openapi(app: FastAPI, settings: Settings) -> dict[str, Any]:
    """FastAPI's schema of its own routes, with one entry per curated query added."""
    if app.openapi_schema is None:
        schema = get_openapi(
            title=app.title,
            version=app.version,
            description=app.description,
            routes=app.routes,
        )
        schema["paths"] = schema.get("paths", {}) | queries.query_paths(settings.max_rows)
        app.openapi_schema = schema
    return app.openapi_schema


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # One driver for the app's lifetime: created lazily (no network at start-up, so
        # the API starts and reports 503 while Neo4j is down), closed at shutdown.
        app.state.driver = make_driver(settings, api=True)
        try:
            yield
        finally:
            app.state.driver.close()

    app = FastAPI(
        title="Policy knowledge graph API",
        description="Read-only, curated queries over a knowledge graph of actors, projects "
        "and policies from Chinese policy documents. Every fact row carries its evidence "
        "(document, sentence, offsets).",
        version="0.1.0",
        lifespan=lifespan,
        # FastAPI's native OpenTelemetry: nothing here exports traces or metrics, and
        # asking OpenTelemetry for its providers on every request cost ~30 µs of one.
        telemetry={"tracing": False, "metrics": False, "logs": False},
    )
    app.state.settings = settings

    app.include_router(health.router)
    app.include_router(queries.router)
    # first: the hot path is matched before the routers FastAPI walks one by one
    app.router.routes.insert(0, queries.query_route)
    app.include_router(explore.router)
    static = resources.files("api").joinpath("static")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    # Neo4j Browser (another origin) fetches the guide and style from here.
    app.add_middleware(
        CORSMiddleware,
        allow_origins=[
            f"http://{host}:{settings.http_port}" for host in ("127.0.0.1", "localhost")
        ],
        allow_methods=["GET"],
        allow_headers=["*"],
    )
    app.openapi = lambda: _openapi(app, settings)  # type: ignore[method-assign]
    app.add_middleware(HeadAsGet)
    app.add_middleware(LimitHeaders)
    return app
