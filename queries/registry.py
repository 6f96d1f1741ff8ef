"""The curated query catalogue: one `.cypher` file per query, its metadata in a YAML header.

Everything that exposes queries (the API routes and their OpenAPI entries, `kg query`,
the README's table) is generated from `catalogue()`. Queries run in read transactions
with a timeout, with parameters only: user input never becomes Cypher text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml
from neo4j import READ_ACCESS, Driver, unit_of_work
from neo4j.exceptions import ClientError

TYPES: dict[str, type] = {"string": str, "integer": int, "number": float, "boolean": bool}
LUCENE_SPECIAL = re.compile(r'([+\-&|!(){}\[\]^"~*?:\\/])')
#: Every query pages with these; the API and CLI cap `limit` at the configured maximum.
PAGING = ("limit", "offset")
DEFAULT_LIMIT = 100
#: Skipping more rows than this is no page anyone reads, only work for Neo4j.
MAX_OFFSET = 1_000_000


class QueryError(Exception):
    """A bad call: unknown query, missing or ill-typed parameter. Names the culprit."""

    def __init__(self, message: str, *, param: str | None = None, status: int = 422) -> None:
        super().__init__(message)
        self.param = param
        self.status = status


class QueryTimeout(Exception):
    """The query ran past the transaction timeout."""


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    required: bool
    default: Any
    description: str
    fulltext: bool = False

    def coerce(self, raw: Any) -> Any:
        """Convert a value from a URL or command line to the declared type."""
        if raw is None:
            return None
        kind = TYPES[self.type]
        if isinstance(raw, kind) and not (kind is int and isinstance(raw, bool)):
            value: Any = raw
        else:
            text = str(raw).strip()
            try:
                if kind is bool:
                    if text.lower() not in ("true", "false", "1", "0", "yes", "no"):
                        raise ValueError(text)
                    value = text.lower() in ("true", "1", "yes")
                else:
                    value = kind(text)
            except ValueError:
                raise QueryError(
                    f"parameter '{self.name}' must be {self.type}, got {str(raw)[:100]!r}",
                    param=self.name,
                ) from None
        if kind is str:
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:  # bytes that are no text (a shell's $'\xff')
                raise QueryError(
                    f"parameter '{self.name}' is not valid UTF-8 text", param=self.name
                ) from None
            # Names in the graph are stored half-width (NFKC), as extraction normalises.
            value = unicodedata.normalize("NFKC", value).strip()
            if not value:
                if self.required:
                    raise QueryError(f"parameter '{self.name}' must not be empty", param=self.name)
                return None
            if len(value) > 200:
                raise QueryError(
                    f"parameter '{self.name}' is longer than 200 characters", param=self.name
                )
        return value


@dataclass(frozen=True)
class CuratedQuery:
    name: str
    description: str
    params: tuple[Param, ...]
    columns: tuple[str, ...]
    example: dict[str, Any]
    cypher: str
    one_of: tuple[str, ...] = ()

    def bind(self, raw: dict[str, Any], limit: int, offset: int) -> dict[str, Any]:
        """Validated parameters for the Cypher (names unknown to the query are refused)."""
        known = {p.name for p in self.params} | set(PAGING)
        for key in raw:
            if key not in known:  # a typo (organisation=) must not return everything
                key = key[:100]
                raise QueryError(f"query '{self.name}' has no parameter '{key}'", param=key)
        values: dict[str, Any] = {}
        for p in self.params:
            value = p.coerce(raw.get(p.name, p.default))
            if value is None and p.required:
                raise QueryError(f"parameter '{p.name}' is required", param=p.name)
            values[p.name] = value
            if p.fulltext:
                values[f"{p.name}_ft"] = lucene_escape(value) if value else ""
        if self.one_of and all(values.get(n) is None for n in self.one_of):
            names = " or ".join(f"'{n}'" for n in self.one_of)
            raise QueryError(f"give one of the parameters {names}", param=self.one_of[0])
        values["limit"], values["offset"] = limit, offset
        return values

    def describe(self) -> dict[str, Any]:
        """The catalogue entry of GET /queries (a contract)."""
        return {
            "name": self.name,
            "description": self.description,
            "params": [
                {
                    "name": p.name,
                    "type": p.type,
                    "required": p.required,
                    "default": p.default,
                    "description": p.description,
                }
                for p in self.params
            ],
            "columns": list(self.columns),
        }


def lucene_escape(text: str) -> str:
    """Full-text input is Lucene syntax: escape it so a user's words are only words."""
    escaped = LUCENE_SPECIAL.sub(r"\\\1", text)
    return re.sub(r"\b(AND|OR|NOT|TO)\b", lambda m: m.group(0).lower(), escaped)


def parse(name: str, text: str) -> CuratedQuery:
    header = []
    body_start = 0
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if line.startswith("//"):
            header.append(line[2:].removeprefix(" "))
        else:
            body_start = i
            break
    meta = yaml.safe_load("\n".join(header)) or {}
    if meta.get("name") != name:
        raise ValueError(f"queries/{name}.cypher: header name {meta.get('name')!r} != file name")
    params = tuple(
        Param(
            name=p["name"],
            type=p.get("type", "string"),
            required=bool(p.get("required")),
            default=p.get("default"),
            description=p.get("description", ""),
            fulltext=bool(p.get("fulltext")),
        )
        for p in meta.get("params") or []
    )
    for p in params:
        if p.type not in TYPES:
            raise ValueError(f"queries/{name}.cypher: parameter {p.name} has unknown type {p.type}")
    return CuratedQuery(
        name=name,
        description=" ".join(str(meta.get("description", "")).split()),
        params=params,
        columns=tuple(meta.get("columns") or []),
        example=dict(meta.get("example") or {}),
        cypher="\n".join(lines[body_start:]),
        one_of=tuple(meta.get("one_of") or []),
    )


@cache
def catalogue() -> dict[str, CuratedQuery]:
    folder = resources.files("queries")
    found = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".cypher"):
            name = entry.name.removesuffix(".cypher")
            found[name] = parse(name, entry.read_text(encoding="utf-8"))
    return found


def get(name: str) -> CuratedQuery:
    query = catalogue().get(name)
    if query is None:
        known = ", ".join(catalogue())
        raise QueryError(f"no query named '{name[:100]}' (known: {known})", status=404)
    return query


def run_read(
    driver: Driver,
    database: str,
    cypher: str,
    params: dict[str, Any],
    timeout: float,
    max_rows: int,
) -> list[dict[str, Any]]:
    """Run Cypher in a read transaction with a timeout; at most `max_rows` rows."""

    @unit_of_work(timeout=timeout)
    def work(tx: Any) -> list[dict[str, Any]]:
        result = tx.run(cypher, params)
        rows = []
        for record in result:
            rows.append(record.data())
            if len(rows) >= max_rows:
                break
        result.consume()
        return rows

    try:
        with driver.session(database=database, default_access_mode=READ_ACCESS) as session:
            return session.execute_read(work)
    except ClientError as exc:
        code = exc.code or ""
        if "TransactionTimedOut" in code or "TransactionTimedOutClientConfiguration" in code:
            raise QueryTimeout(f"the query ran longer than {timeout:g} s") from exc
        raise


LIMIT = Param("limit", "integer", False, DEFAULT_LIMIT, "rows per page")
OFFSET = Param("offset", "integer", False, 0, "rows to skip")


def paging(raw: dict[str, Any]) -> tuple[int, int]:
    """`limit` and `offset` taken out of a caller's parameters (text from a URL), as
    integers; the bounds are checked where the query runs."""
    limit = LIMIT.coerce(raw.pop("limit", DEFAULT_LIMIT))
    offset = OFFSET.coerce(raw.pop("offset", 0))
    return int(limit), int(offset)


def run(
    driver: Driver,
    database: str,
    query: CuratedQuery,
    raw_params: dict[str, Any],
    *,
    limit: int = DEFAULT_LIMIT,
    offset: int = 0,
    timeout: float = 5.0,
    max_rows: int = 1000,
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    if limit < 1 or limit > max_rows:
        raise QueryError(f"parameter 'limit' must be between 1 and {max_rows}", param="limit")
    if offset < 0 or offset > MAX_OFFSET:
        raise QueryError(f"parameter 'offset' must be between 0 and {MAX_OFFSET}", param="offset")
    params = query.bind(raw_params, limit, offset)
    rows = run_read(driver, database, query.cypher, params, timeout, max_rows)
    shown = {p.name: params[p.name] for p in query.params}
    return shown, [{c: row.get(c) for c in query.columns} for row in rows]


def markdown_table() -> str:
    """The README's table of queries (a test keeps the README equal to the catalogue)."""
    lines = ["| name | params (* required) | columns | what it answers |", "|---|---|---|---|"]
    for q in catalogue().values():
        params = ", ".join(f"`{p.name}`{'*' if p.required else ''}" for p in q.params) or "—"
        if q.one_of:
            params += " (one of " + " or ".join(q.one_of) + ")"
        lines.append(f"| `{q.name}` | {params} | {', '.join(q.columns)} | {q.description} |")
    return "\n".join(lines)
