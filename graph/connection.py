"""Opening a driver, with failures turned into messages a user can act on."""

import asyncio
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import TypeVar

from neo4j import Driver, GraphDatabase
from neo4j.exceptions import AuthError, ServiceUnavailable

from kg.errors import KgError
from kg.settings import Settings


def unreachable_message(settings: Settings) -> str:
    """The one sentence shown everywhere Neo4j cannot be reached."""
    hint = "start it with `kg neo4j start`" if settings.managed else "check NEO4J_URI"
    return f"Neo4j is not reachable at {settings.uri}: {hint}"


def auth_message(settings: Settings) -> str:
    return (
        f"Neo4j at {settings.uri} refused user '{settings.neo4j_user}' with the configured "
        "password: check NEO4J_USER and NEO4J_PASSWORD"
    )


#: The API answers people and tools waiting on it: a Neo4j that is down must give a 503
#: in about a second, not after the driver's defaults (60 s to get a connection, 30 s of
#: retries with back-off). Reads are not retried: the caller may simply ask again. Loads
#: retry deadlocks and brief outages for 10 s, not the driver's 30 s: with a connection
#: timeout of 5 s per attempt, a Neo4j that died mid-load was reported after a minute.
API_CONNECT_TIMEOUT = 1.0
API_ACQUISITION_TIMEOUT = 1.0
API_RETRY_TIME = 0.0
LOAD_RETRY_TIME = 10.0


def make_driver(settings: Settings, *, api: bool = False) -> Driver:
    """A driver that has not yet touched the network (cheap; safe at start-up); with
    `api`, one that gives up quickly (see API_CONNECT_TIMEOUT)."""
    return GraphDatabase.driver(
        settings.uri,
        auth=settings.auth,
        connection_timeout=API_CONNECT_TIMEOUT if api else 5.0,
        max_connection_pool_size=64,
        user_agent="policy-kg",
        # Server notifications (e.g. "property key does not exist" on a first load) are
        # planner hints for developers, not messages for our users.
        notifications_min_severity="OFF",
        # the driver's defaults otherwise: 60 s for a connection, 30 s of retries
        connection_acquisition_timeout=API_ACQUISITION_TIMEOUT if api else 60.0,
        max_transaction_retry_time=API_RETRY_TIME if api else LOAD_RETRY_TIME,
    )


class Unresponsive(Exception):
    """Neo4j accepted the connection but did not answer in time (a frozen server)."""


T = TypeVar("T")
#: Calls to Neo4j made by the API run here, so that a caller can stop waiting: the
#: driver has no client-side read timeout, and a frozen server would hold a request (and
#: its server thread) forever. A stuck call keeps its worker; the pool bounds them.
_CALLS = ThreadPoolExecutor(max_workers=32, thread_name_prefix="neo4j-call")


async def bounded_async(call: Callable[[], T], seconds: float) -> T:
    """The result of `call`, or `Unresponsive` after `seconds`. For the API's async
    routes: the call runs in the worker pool while the event loop waits, so a request
    costs one thread hop, not three (a sync route and its sync dependencies would each
    run in Starlette's thread pool first)."""
    future = asyncio.get_running_loop().run_in_executor(_CALLS, call)
    try:
        return await asyncio.wait_for(future, seconds)
    except TimeoutError as exc:
        raise Unresponsive(f"Neo4j did not answer within {seconds:g} s") from exc


def check_driver(driver: Driver, settings: Settings) -> None:
    """Raise a `KgError` naming the problem when the server is down or refuses us."""
    try:
        driver.verify_connectivity()
    except AuthError as exc:
        raise KgError(auth_message(settings)) from exc
    except (ServiceUnavailable, OSError) as exc:
        raise KgError(unreachable_message(settings)) from exc


@contextmanager
def connected_driver(settings: Settings) -> Iterator[Driver]:
    """A verified driver, closed on exit: the way every CLI command reaches Neo4j."""
    driver = make_driver(settings)
    try:
        check_driver(driver, settings)
        yield driver
    finally:
        driver.close()
