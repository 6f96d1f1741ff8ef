"""Running extraction over paths: expand directories, read each file, report bad ones."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ingest.pipeline import extract_sources
from ingest.read import MAX_BYTES, ReadError, SourceText, read_source
from ingest.records import Record

TEXT_SUFFIXES = {".txt", ".text"}


@dataclass
class Failure:
    path: str
    reason: str


def expand(paths: Iterable[Path]) -> tuple[list[Path], list[Failure]]:
    """Files named directly, and the text files of named directories (sorted: the same
    input always gives the same output order)."""
    files: list[Path] = []
    failures: list[Failure] = []
    for path in paths:
        if path.is_dir():
            files += sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in TEXT_SUFFIXES
                and not any(part.startswith(".") for part in p.parts)
            )
        elif path.is_file():
            files.append(path)
        else:
            failures.append(Failure(str(path), "no such file or directory"))
    return files, failures


def read_all(
    files: list[Path], max_bytes: int = MAX_BYTES
) -> tuple[list[SourceText], list[Failure]]:
    sources, failures = [], []
    for path in files:
        try:
            sources.append(read_source(path, max_bytes))
        except ReadError as exc:
            failures.append(Failure(str(path), str(exc).removeprefix(f"{path}: ")))
    return sources, failures


def extract_paths(
    paths: Iterable[Path],
    max_bytes: int = MAX_BYTES,
    on_document: Callable[[SourceText], None] | None = None,
) -> tuple[Iterator[tuple[SourceText, list[Record]]], list[Failure]]:
    files, failures = expand(paths)
    sources, bad = read_all(files, max_bytes)
    failures += bad

    def run() -> Iterator[tuple[SourceText, list[Record]]]:
        for src, records in extract_sources(sources):
            if on_document:
                on_document(src)
            yield src, records

    return run(), failures
