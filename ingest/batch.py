"""Running extraction over paths: expand directories, read each file, report bad ones.

Streaming: a first pass reads each file only for its （以下简称） definitions (keeping the
small alias table), a second pass reads, extracts and yields one document at a time, so
memory does not grow with the corpus.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from ingest.lexicon import Lexicon, load_lexicon
from ingest.pipeline import extract_document
from ingest.read import MAX_BYTES, ReadError, SourceText, read_source
from ingest.records import Record
from ingest.resolve import Definitions, definitions

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
            found: list[Path] = []

            def unreadable(exc: OSError) -> None:
                # A folder that cannot be listed is reported, not skipped in silence.
                failures.append(Failure(str(exc.filename), f"cannot read ({exc.strerror})"))

            for root, dirs, names in os.walk(path, onerror=unreadable):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                found += [
                    Path(root) / n
                    for n in names
                    if Path(n).suffix.lower() in TEXT_SUFFIXES and not n.startswith(".")
                ]
            files += sorted(found)
        elif path.is_file():
            files.append(path)
        else:
            failures.append(Failure(str(path), "no such file or directory"))
    return files, failures


def _read(path: Path, max_bytes: int) -> SourceText | Failure:
    try:
        return read_source(path, max_bytes)
    except ReadError as exc:
        return Failure(str(path), str(exc).removeprefix(f"{path}: "))


@dataclass
class Extraction:
    """A streaming run: iterate `documents()` once; `failures` fills as files are read."""

    files: list[Path]
    lexicon: Lexicon
    max_bytes: int = MAX_BYTES
    failures: list[Failure] = field(default_factory=list)
    on_document: Callable[[str], None] | None = None
    jobs: int = 1  # worker processes; the output order is the files' order whatever it is
    ray: bool = False  # run the workers on Ray (ingest/distributed.py) instead of a fork pool

    def definitions(self) -> Definitions:
        found: Definitions = {}
        for path in self.files:
            src = _read(path, self.max_bytes)
            if isinstance(src, SourceText):
                for alias, value in definitions(src, self.lexicon).items():
                    found.setdefault(alias, value)
        return found

    def documents(self) -> Iterator[tuple[SourceText, list[Record]]]:
        defined = self.definitions()
        results: Iterable[tuple[SourceText | Failure, list[Record]]]
        if self.ray:
            from ingest.distributed import ray_results

            sources = (_read(p, self.max_bytes) for p in self.files)
            results = ray_results(sources, defined, self.jobs)
        elif self.jobs > 1 and len(self.files) > 1:
            results = _pooled(self.files, self.lexicon, defined, self.max_bytes, self.jobs)
        else:
            results = (_extract_one(p, self.lexicon, defined, self.max_bytes) for p in self.files)
        for path, (src, records) in zip(self.files, results, strict=True):
            if self.on_document:
                self.on_document(str(path))
            if isinstance(src, Failure):
                self.failures.append(src)
                continue
            yield src, records


def _extract_one(
    path: Path, lexicon: Lexicon, defined: Definitions, max_bytes: int
) -> tuple[SourceText | Failure, list[Record]]:
    src = _read(path, max_bytes)
    if isinstance(src, Failure):
        return src, []
    return src, extract_document(src, lexicon, defined)


#: What a forked worker needs, set in the parent just before the pool forks (a Lexicon
#: holds an automaton and a tokenizer: inherited by fork, never pickled).
_WORKER: tuple[Lexicon, Definitions, int] | None = None


def _work(path: Path) -> tuple[SourceText | Failure, list[Record]]:
    assert _WORKER is not None
    return _extract_one(path, *_WORKER)


def _pooled(
    files: list[Path], lexicon: Lexicon, defined: Definitions, max_bytes: int, jobs: int
) -> Iterator[tuple[SourceText | Failure, list[Record]]]:
    """Documents extracted by `jobs` forked processes, yielded in the files' order; at
    most 2 × jobs documents are in flight, so memory stays that of a few documents."""
    global _WORKER
    _WORKER = (lexicon, defined, max_bytes)
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        yield from in_order(files, lambda path: pool.submit(_work, path).result, 2 * jobs)


T = TypeVar("T")
R = TypeVar("R")


def in_order(items: Iterable[T], start: Callable[[T], Callable[[], R]], width: int) -> Iterator[R]:
    """Results of `start` over `items` in the items' order, with at most `width` started
    and not yet taken: `start` begins the work (on a pool, on Ray) and returns the call
    that waits for its result. Memory stays that of a few documents however many come."""
    pending: deque[Callable[[], R]] = deque()
    queue = iter(items)
    for item in itertools.islice(queue, width):
        pending.append(start(item))
    while pending:
        done = pending.popleft()()
        for item in itertools.islice(queue, 1):
            pending.append(start(item))
        yield done


def extract_paths(
    paths: Iterable[Path],
    lexicon: Lexicon | None = None,
    max_bytes: int = MAX_BYTES,
    on_document: Callable[[str], None] | None = None,
    jobs: int = 1,
    ray: bool = False,
) -> Extraction:
    """A streaming run over `paths` (the packaged lexicon by default) in `jobs` processes.
    Paths that do not exist are failures from the start; unreadable files are added as
    the run reaches them, so read `failures` after iterating `documents()`."""
    files, missing = expand(paths)
    return Extraction(files, lexicon or load_lexicon(), max_bytes, missing, on_document, jobs, ray)
