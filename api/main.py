"""The read-only HTTP API: assembles the app (routes live in api/routes/)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.routes import explore, health, queries
from graph.connection import make_driver
from kg.settings import Settings


def jsonable(errors: object) -> object:
    from fastapi.encoders import jsonable_encoder

    return jsonable_encoder(errors)


def _short(error: Any) -> Any:
    """A validation error without a long echo of the caller's input (a 64 KB value
    must not come back in the 422 body)."""
    if isinstance(error, dict) and isinstance(error.get("input"), str | bytes):
        value = error["input"]
        if len(value) > 100:
            error = {**error, "input": f"{value[:100]!s}… ({len(value)} characters)"}
    return error


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
    )
    app.state.settings = settings

    @app.exception_handler(RequestValidationError)
    async def invalid_parameters(request: Request, exc: RequestValidationError) -> JSONResponse:
        """422 with a sentence naming the parameter, plus FastAPI's detailed list."""
        errors = [_short(e) for e in exc.errors()]
        first = errors[0] if errors else {}
        param = str(first.get("loc", ["", "?"])[-1])
        message = f"parameter '{param}': {first.get('msg', 'invalid')}"
        return JSONResponse(
            {"detail": message, "param": param, "errors": jsonable(errors)}, status_code=422
        )

    app.include_router(health.router)
    app.include_router(queries.make_router(settings))
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
    app.add_middleware(HeadAsGet)
    app.add_middleware(LimitHeaders)
    return app
