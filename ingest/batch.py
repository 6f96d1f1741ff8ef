"""Running extraction over paths: expand directories, read each file, report bad ones.

Streaming: a first pass reads each file only for its （以下简称） definitions (keeping the
small alias table), a second pass reads, extracts and yields one document at a time, so
memory does not grow with the corpus.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

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
        for path in self.files:
            src = _read(path, self.max_bytes)
            if self.on_document:
                self.on_document(str(path))
            if isinstance(src, Failure):
                self.failures.append(src)
                continue
            yield src, extract_document(src, self.lexicon, defined)


def extract_paths(
    paths: Iterable[Path],
    lexicon: Lexicon | None = None,
    max_bytes: int = MAX_BYTES,
    on_document: Callable[[str], None] | None = None,
) -> Extraction:
    """A streaming run over `paths` (the packaged lexicon by default). Paths that do not
    exist are failures from the start; unreadable files are added as the run reaches
    them, so read `failures` after iterating `documents()`."""
    files, missing = expand(paths)
    return Extraction(files, lexicon or load_lexicon(), max_bytes, missing, on_document)
