"""The Mention record: what every finder returns."""

from __future__ import annotations

from dataclasses import dataclass

from ingest.kinds import Label, Source


@dataclass(frozen=True)
class Mention:
    """A span of the working copy that names an entity."""

    start: int  # working-copy offsets
    end: int
    surface: str
    label: Label
    name: str  # canonical name
    source: Source  # which finder found it
    aliases: tuple[str, ...] = ()
