"""GET /queries and GET /queries/{name}: generated from the curated catalogue.

A query is answered by a plain Starlette route, not a FastAPI one: the parameters are
checked once, by the catalogue (`registry.bind`, as for `kg query`), and FastAPI's
per-request machinery (dependency solving, a second validation, response encoding) cost
as much as the HTTP round trip itself (`bench/api_latency.py`). Each query is still
documented with its typed parameters in the OpenAPI schema (`query_paths`, /docs).
"""

from __future__ import annotations

from typing import Any

import orjson
from fastapi import APIRouter
from neo4j.exceptions import AuthError, ClientError, DriverError
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from graph.connection import Unresponsive, auth_message, bounded_async, unreachable_message
from kg.settings import Settings
from queries import registry
from queries.formats import to_csv

FORMATS = ("json", "csv")
ERROR_BODY = {
    "application/json": {
        "schema": {
            "type": "object",
            "properties": {"detail": {"type": "string"}, "param": {"type": "string"}},
            "required": ["detail"],
        }
    }
}
ERRORS: dict[str, dict[str, Any]] = {
    "200": {
        "description": "Rows as JSON (`query`, `params`, `columns`, `rows`, `count`), or CSV "
        "with a header row when `format=csv`",
        "content": {"application/json": {}, "text/csv": {"schema": {"type": "string"}}},
    },
    "404": {"description": "No query of that name", "content": ERROR_BODY},
    "422": {
        "description": "A missing or ill-typed parameter (the message names it)",
        "content": ERROR_BODY,
    },
    "503": {"description": "Neo4j is not reachable", "content": ERROR_BODY},
    "504": {"description": "The query ran past the transaction timeout", "content": ERROR_BODY},
}


def error(status: int, detail: str, param: str | None = None) -> JSONResponse:
    body: dict[str, Any] = {"detail": detail}
    if param:
        body["param"] = param
    return JSONResponse(body, status_code=status)


async def run_query(request: Request) -> Response:
    """GET /queries/{name}: run a curated query with the URL's parameters and render it;
    every failure becomes a plain, named message."""
    settings: Settings = request.app.state.settings
    driver = request.app.state.driver
    name: str = request.path_params["name"]
    raw: dict[str, Any] = dict(request.query_params)
    fmt = raw.pop("format", "json")
    try:
        query = registry.get(name)
        if fmt not in FORMATS:
            message = f"parameter 'format' must be json or csv, got {fmt[:100]!r}"
            raise registry.QueryError(message, param="format")
        limit, offset = registry.paging(raw)
        params, rows = await bounded_async(
            lambda: registry.run(
                driver,
                settings.neo4j_database,
                query,
                raw,
                limit=limit,
                offset=offset,
                timeout=settings.query_timeout,
                max_rows=settings.max_rows,
            ),
            # the server's transaction timeout, plus time to get a connection
            settings.query_timeout + 2.0,
        )
    except registry.QueryError as exc:
        return error(exc.status, str(exc), exc.param)
    except registry.QueryTimeout as exc:
        return error(504, f"{exc}: narrow the parameters or lower the limit")
    except Unresponsive as exc:
        return error(503, f"{exc}: {unreachable_message(settings)}")
    except AuthError:
        return error(503, auth_message(settings))
    except ClientError as exc:
        if (exc.code or "").startswith("Neo.ClientError.Security."):
            # a wrong password, then Neo4j's login rate limit: the server refuses us
            return error(503, auth_message(settings))
        if "no such fulltext schema index" in (exc.message or ""):
            return error(503, "the graph has no schema yet: run `kg load` (or `kg schema`)")
        return error(422, f"the query could not run with these parameters: {exc.message}")
    except (DriverError, OSError):
        return error(503, unreachable_message(settings))
    if fmt == "csv":
        return Response(
            to_csv(query.columns, rows).encode("utf-8"),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{name}.csv"'},
        )
    return Response(
        orjson.dumps(
            {
                "query": name,
                "params": params,
                "columns": list(query.columns),
                "rows": rows,
                "count": len(rows),
            }
        ),
        media_type="application/json",
    )


router = APIRouter(tags=["queries"])


@router.get("/queries", summary="The catalogue of curated queries")
async def list_queries() -> list[dict[str, Any]]:
    return [q.describe() for q in registry.catalogue().values()]


#: Added to the app's routes as it is (FastAPI documents only its own routes; the
#: schema gets `query_paths` instead).
query_route = Route("/queries/{name}", run_query, methods=["GET"])


def query_paths(max_rows: int) -> dict[str, Any]:
    """The OpenAPI entries of the query routes, one per curated query with its typed
    parameters (the route itself is generic)."""
    return {
        f"/queries/{query.name}": {
            "get": {
                "tags": ["queries"],
                "summary": query.name,
                "description": query.description + _columns_note(query),
                "operationId": f"query_{query.name.replace('-', '_')}",
                "parameters": [_parameter(p) for p in query.params] + _paging(max_rows),
                "responses": ERRORS,
            }
        }
        for query in registry.catalogue().values()
    }


def _parameter(p: registry.Param) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": p.type}  # the catalogue's types are OpenAPI's names
    if p.type == "string":
        schema |= {"minLength": 1, "maxLength": 200}
    if p.default is not None:
        schema["default"] = p.default
    return {
        "name": p.name,
        "in": "query",
        "required": p.required,
        "description": p.description,
        "schema": schema,
    }


def _paging(max_rows: int) -> list[dict[str, Any]]:
    def integer(name: str, low: int, high: int, default: int, text: str) -> dict[str, Any]:
        return {
            "name": name,
            "in": "query",
            "required": False,
            "description": text,
            "schema": {"type": "integer", "minimum": low, "maximum": high, "default": default},
        }

    return [
        integer("limit", 1, max_rows, registry.DEFAULT_LIMIT, registry.LIMIT.description),
        integer("offset", 0, registry.MAX_OFFSET, 0, registry.OFFSET.description),
        {
            "name": "format",
            "in": "query",
            "required": False,
            "description": "json or csv",
            "schema": {"type": "string", "enum": list(FORMATS), "default": "json"},
        },
    ]


def _columns_note(query: registry.CuratedQuery) -> str:
    example = "&".join(f"{k}={v}" for k, v in query.example.items())
    return f"\n\nColumns: {', '.join(query.columns)}." + (
        f" Example: `/queries/{query.name}?{example}`" if example else ""
    )
