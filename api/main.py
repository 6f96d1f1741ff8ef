"""The read-only HTTP API: assembles the app (routes live in api/routes/)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from api.routes import health, queries
from graph.connection import make_driver
from kg.settings import Settings


def jsonable(errors: object) -> object:
    from fastapi.encoders import jsonable_encoder

    return jsonable_encoder(errors)


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # One driver for the app's lifetime: created lazily (no network at start-up, so
        # the API starts and reports 503 while Neo4j is down), closed at shutdown.
        app.state.driver = make_driver(settings)
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
        errors = exc.errors()
        first = errors[0] if errors else {}
        param = str(first.get("loc", ["", "?"])[-1])
        message = f"parameter '{param}': {first.get('msg', 'invalid')}"
        return JSONResponse(
            {"detail": message, "param": param, "errors": jsonable(errors)}, status_code=422
        )

    app.include_router(health.router)
    app.include_router(queries.make_router(settings))
    return app
