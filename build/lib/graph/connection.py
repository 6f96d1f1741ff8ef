"""Opening a driver, with failures turned into messages a user can act on."""

from collections.abc import Iterator
from contextlib import contextmanager

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


def make_driver(settings: Settings) -> Driver:
    """A driver that has not yet touched the network (cheap; safe at start-up)."""
    return GraphDatabase.driver(
        settings.uri,
        auth=settings.auth,
        connection_timeout=5.0,
        max_connection_pool_size=64,
        user_agent="policy-kg",
        # Server notifications (e.g. "property key does not exist" on a first load) are
        # planner hints for developers, not messages for our users.
        notifications_min_severity="OFF",
    )


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
