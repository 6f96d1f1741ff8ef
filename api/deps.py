"""Dependencies injected into the routes: the settings and the one driver of the app.

Async on purpose: FastAPI runs a sync dependency in its thread pool, a hop that cost more
than these one-line lookups (bench/api_latency.py)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from neo4j import Driver

from kg.settings import Settings


async def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def get_driver(request: Request) -> Driver:
    driver: Driver = request.app.state.driver
    return driver


SettingsDep = Annotated[Settings, Depends(get_settings)]
DriverDep = Annotated[Driver, Depends(get_driver)]
