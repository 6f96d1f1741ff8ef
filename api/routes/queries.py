"""GET /queries and GET /queries/{name}: generated from the curated catalogue.

Each query gets its own route with typed query parameters, so the OpenAPI schema (and
/docs) documents every parameter; a catch-all answers 404 for unknown names.
"""

from __future__ import annotations

import inspect
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response
from neo4j.exceptions import AuthError, ClientError, DriverError

from api.deps import DriverDep, SettingsDep
from graph.connection import Unresponsive, auth_message, bounded_async, unreachable_message
from kg.settings import Settings
from queries import registry
from queries.formats import to_csv

PY_TYPES: dict[str, type] = {"string": str, "integer": int, "number": float, "boolean": bool}
ERROR_BODY = {
    "application/json": {
        "schema": {
            "type": "object",
            "properties": {"detail": {"type": "string"}, "param": {"type": "string"}},
            "required": ["detail"],
        }
    }
}
ERRORS: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "Rows as JSON (`query`, `params`, `columns`, `rows`, `count`), or CSV "
        "with a header row when `format=csv`",
        "content": {"application/json": {}, "text/csv": {"schema": {"type": "string"}}},
    },
    404: {"description": "No query of that name", "content": ERROR_BODY},
    422: {
        "description": "A missing or ill-typed parameter (the message names it)",
        "content": ERROR_BODY,
    },
    503: {"description": "Neo4j is not reachable", "content": ERROR_BODY},
    504: {"description": "The query ran past the transaction timeout", "content": ERROR_BODY},
}


def error(status: int, detail: str, param: str | None = None) -> JSONResponse:
    body: dict[str, Any] = {"detail": detail}
    if param:
        body["param"] = param
    return JSONResponse(body, status_code=status)


async def execute(
    name: str,
    raw: dict[str, Any],
    limit: int,
    offset: int,
    fmt: str,
    driver: Any,
    settings: Settings,
) -> Response:
    """Run a curated query and render it; every failure becomes a plain, named message."""
    try:
        query = registry.get(name)
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
    return JSONResponse(
        {
            "query": name,
            "params": params,
            "columns": list(query.columns),
            "rows": rows,
            "count": len(rows),
        }
    )


def make_router(settings: Settings) -> APIRouter:
    router = APIRouter(tags=["queries"])

    @router.get("/queries", summary="The catalogue of curated queries")
    async def list_queries() -> list[dict[str, Any]]:
        return [q.describe() for q in registry.catalogue().values()]

    for query in registry.catalogue().values():
        router.add_api_route(
            f"/queries/{query.name}",
            _endpoint(query, settings.max_rows),
            methods=["GET"],
            summary=query.name,
            description=query.description + _columns_note(query),
            responses=ERRORS,
            name=f"query-{query.name}",
        )

    @router.get(
        "/queries/{name}",
        summary="Unknown query names answer 404",
        responses={404: ERRORS[404]},
        include_in_schema=False,
    )
    async def unknown_query(name: str) -> JSONResponse:
        known = ", ".join(registry.catalogue())
        return error(404, f"no query named '{name}' (known: {known})")

    return router


def _columns_note(query: registry.CuratedQuery) -> str:
    example = "&".join(f"{k}={v}" for k, v in query.example.items())
    return f"\n\nColumns: {', '.join(query.columns)}." + (
        f" Example: `/queries/{query.name}?{example}`" if example else ""
    )


def _endpoint(query: registry.CuratedQuery, max_rows: int) -> Any:
    """A function whose signature declares the query's parameters, for FastAPI."""
    parameters = [
        inspect.Parameter("request", inspect.Parameter.KEYWORD_ONLY, annotation=Request),
        inspect.Parameter("driver", inspect.Parameter.KEYWORD_ONLY, annotation=DriverDep),
        inspect.Parameter("settings", inspect.Parameter.KEYWORD_ONLY, annotation=SettingsDep),
    ]
    for p in query.params:
        py_type: Any = PY_TYPES[p.type]
        value_type: Any = py_type if p.required else py_type | None
        annotation: Any = Annotated[
            value_type,
            Query(
                description=p.description,
                min_length=1 if p.type == "string" else None,
                max_length=200 if p.type == "string" else None,
            ),
        ]
        default = inspect.Parameter.empty if p.required else p.default
        parameters.append(
            inspect.Parameter(
                p.name, inspect.Parameter.KEYWORD_ONLY, annotation=annotation, default=default
            )
        )
    parameters += [
        inspect.Parameter(
            "limit",
            inspect.Parameter.KEYWORD_ONLY,
            annotation=Annotated[int, Query(ge=1, le=max_rows, description="rows per page")],
            default=registry.DEFAULT_LIMIT,
        ),
        inspect.Parameter(
            "offset",
            inspect.Parameter.KEYWORD_ONLY,
            annotation=Annotated[int, Query(ge=0, le=1_000_000, description="rows to skip")],
            default=0,
        ),
        inspect.Parameter(
            "format",
            inspect.Parameter.KEYWORD_ONLY,
            annotation=Annotated[Literal["json", "csv"], Query(description="json or csv")],
            default="json",
        ),
    ]
    names = [p.name for p in query.params]

    known = {*names, *registry.PAGING, "format"}

    async def endpoint(**kwargs: Any) -> Response:
        request: Request = kwargs["request"]
        for key in request.query_params:
            if key not in known:  # a typo (organisation=) must not return everything
                return error(422, f"query '{query.name}' has no parameter '{key}'", key[:100])
        raw = {n: kwargs[n] for n in names if kwargs.get(n) is not None}
        return await execute(
            query.name,
            raw,
            kwargs["limit"],
            kwargs["offset"],
            kwargs["format"],
            kwargs["driver"],
            kwargs["settings"],
        )

    endpoint.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    endpoint.__name__ = f"query_{query.name.replace('-', '_')}"
    return endpoint
