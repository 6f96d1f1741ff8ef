"""Extraction on Ray: the same records as `kg extract`, from workers on one machine or many.

Extraction is a pure function of a document (plus the run's （以下简称） table), so it
needs no engine of its own beyond one that schedules Python functions: Ray. Each worker
is an actor that loads the packaged lexicon once; this process reads the files (so the
workers need not see the same disks), sends each document to the next actor in turn,
and takes the results back in the files' order, with at most two documents per worker
in flight. The output is byte-identical to `kg extract` (a test compares them).

`ray.init()` joins the cluster named by RAY_ADDRESS when it is set, and otherwise starts
a local one with `jobs` CPUs. Writes into Neo4j stay with one batched writer (`kg load`).
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable, Iterator
from typing import Any

from ingest.batch import in_order
from ingest.read import SourceText
from ingest.records import Record
from ingest.resolve import Definitions

RAY_MISSING = (
    "`kg extract --ray` needs Ray: install the optional extra with "
    "`pip install 'policy-kg[ray]'` (or `pip install ray`)"
)


class Extractor:
    """A Ray actor's state: the lexicon (loaded once per worker) and the run's definitions."""

    def __init__(self, defined: Definitions) -> None:
        from ingest.lexicon import load_lexicon

        self.lexicon = load_lexicon()
        self.defined = defined

    def extract(self, src: SourceText) -> list[Record]:
        from ingest.pipeline import extract_document

        return extract_document(src, self.lexicon, self.defined)


def ray_results(
    sources: Iterator[SourceText | Any], defined: Definitions, jobs: int
) -> Iterator[tuple[SourceText | Any, list[Record]]]:
    """(source, records) for each item of `sources`, in order; items that are not a
    SourceText (read failures) pass through with no records."""
    try:
        import ray
    except ImportError as exc:
        from kg.errors import KgError

        raise KgError(RAY_MISSING) from exc
    started = not ray.is_initialized()
    if started:
        import os

        options: dict[str, Any] = {
            "include_dashboard": False,
            "log_to_driver": False,
            "logging_level": logging.ERROR,
        }
        if not os.environ.get("RAY_ADDRESS"):
            options["num_cpus"] = jobs
        ray.init(**options)
    try:
        actor = ray.remote(Extractor)
        workers = [actor.remote(defined) for _ in range(max(1, jobs))]
        turns = itertools.count()

        def start(item: SourceText | Any) -> Callable[[], tuple[SourceText | Any, list[Record]]]:
            if not isinstance(item, SourceText):
                return lambda: (item, [])  # a read failure: nothing to extract
            worker = workers[next(turns) % len(workers)]
            ref = worker.extract.remote(item)  # type: ignore[attr-defined]
            return lambda: (item, ray.get(ref))

        yield from in_order(sources, start, 2 * len(workers))
    finally:
        if started:
            ray.shutdown()
