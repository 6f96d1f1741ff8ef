"""GET /health: is the API up, and can it reach Neo4j?"""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from neo4j.exceptions import AuthError, DriverError, Neo4jError

from api.deps import DriverDep
from graph.connection import Unresponsive, bounded_async

HEALTH_SECONDS = 0.9

router = APIRouter(tags=["health"])


@router.get(
    "/health",
    summary="Health of the API and its Neo4j connection",
    responses={
        200: {"content": {"application/json": {"example": {"status": "ok", "neo4j": "up"}}}},
        503: {"description": "Neo4j is down or refuses the configured credentials"},
    },
)
async def health(driver: DriverDep) -> JSONResponse:
    """Answers within about a second whatever Neo4j does (down, frozen, refusing us)."""
    try:
        await bounded_async(driver.verify_connectivity, HEALTH_SECONDS)
    except (DriverError, Neo4jError, AuthError, OSError, Unresponsive):
        return JSONResponse({"status": "unavailable", "neo4j": "down"}, status_code=503)
    return JSONResponse({"status": "ok", "neo4j": "up"})
