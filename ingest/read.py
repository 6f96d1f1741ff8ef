"""Read a file into text, and normalise a working copy that maps back to the original.

Evidence must index the *original* text, yet matching works far better on a normalised
copy (NFKC full-width to half-width, one dash, CRLF to LF). `NormalisedText` keeps, for
every normalised character, the original span it came from.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from array import array
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import opencc

#: Files larger than this are refused: the genre runs to a few hundred KB; a bigger file
#: is almost always the wrong file (an archive, a database dump).
MAX_BYTES = 20 * 1024 * 1024

DASHES = "－—–―‐‑‒⁃−﹘﹣"
#: Dashes to '-', and the tortoise-shell brackets some notices put around role clauses
#: (〔责任单位：…〕) to the parentheses every other notice uses.
_TRANSLATE_EXTRA = {**{ord(c): "-" for c in DASHES}, ord("〔"): "(", ord("〕"): ")"}


class ReadError(Exception):
    """A file that cannot be read as a policy document; the message names the reason."""


@dataclass(frozen=True)
class SourceText:
    doc_id: str
    path: str
    text: str
    sha256: str
    encoding: str


def doc_id_for(path: Path) -> str:
    """Documents are identified by file stem: stable across runs and machines."""
    return path.stem


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Decode UTF-8 (with or without BOM), else GB18030 (a superset of GBK and GB2312)."""
    if not data.strip():
        raise ReadError(f"{name}: empty file")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise ReadError(f"{name}: undecodable UTF-16 text ({exc.reason})") from exc
    if b"\x00" in data[:65536]:
        bom_less = _utf16_without_bom(data)
        if bom_less is not None:
            return bom_less
        raise ReadError(f"{name}: binary file (contains NUL bytes), not a text document")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        try:
            text, encoding = data.decode("gb18030"), "gb18030"
        except UnicodeDecodeError as exc:
            raise ReadError(
                f"{name}: undecodable (neither UTF-8 nor GB18030/GBK at byte {exc.start})"
            ) from exc
    controls = sum(1 for ch in text[:65536] if ord(ch) < 32 and ch not in "\t\r\n\f")
    if controls > max(8, len(text[:65536]) // 100):
        raise ReadError(f"{name}: binary file (control characters), not a text document")
    if not any("\u4e00" <= ch <= "\u9fff" for ch in text[:65536]):
        raise ReadError(f"{name}: no Chinese text found, not a policy document of this genre")
    return text, encoding


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 saved without a byte order mark (some Windows tools): text if the bytes
    decode as UTF-16 (little- or big-endian) into mostly Chinese, ASCII and punctuation,
    else None (a binary file)."""
    if len(data) % 2:
        return None
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        sample = text[:20000]
        readable = sum(
            1 for ch in sample if ch.isprintable() or ch in "\t\r\n" or "\u3000" <= ch <= "\u9fff"
        )
        if (
            sample
            and readable >= 0.98 * len(sample)
            and any("\u4e00" <= ch <= "\u9fff" for ch in sample)
        ):
            return text, encoding
    return None


def read_source(path: Path, max_bytes: int = MAX_BYTES) -> SourceText:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ReadError(
                f"{path}: {size / 1_048_576:.1f} MiB is larger than the limit of "
                f"{max_bytes / 1_048_576:.0f} MiB"
            )
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(f"{path}: cannot read ({exc.strerror})") from exc
    text, encoding = decode(data, str(path))
    return SourceText(
        doc_id=doc_id_for(path),
        path=str(path),
        text=text,
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=encoding,
    )


@dataclass(frozen=True)
class NormalisedText:
    """`text` is the working copy; `starts[i]`/`ends[i]` the original span of text[i]."""

    original: str
    text: str
    # None when offsets are the identity (most files): a list of ints costs about 36
    # bytes per character, 72 MB for a 1-million-character file; otherwise compact arrays.
    starts: array[int] | None = None
    ends: array[int] | None = None

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) for the working-copy span [start, end)."""
        if self.starts is None or self.ends is None:
            start = min(start, len(self.original))
            return start, max(start, min(end, len(self.original)))
        if end <= start:
            pos = self.starts[start] if start < len(self.starts) else len(self.original)
            return pos, pos
        return self.starts[start], self.ends[end - 1]


def _normalise_char(ch: str) -> str:
    if ch.isascii() or "\u4e00" <= ch <= "\u9fff":
        return ch  # ASCII and unified ideographs are NFKC-stable: the common case
    if ch in DASHES:
        return "-"
    if ch in ("\u3000", "\xa0"):
        return " "
    return unicodedata.normalize("NFKC", ch).translate(_TRANSLATE_EXTRA)


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s.json")


def simplified(text: str) -> str:
    """Traditional characters to simplified (OpenCC t2s, phrase-aware), one character
    for one: a line whose conversion changes its length (rare phrase mappings) is
    converted character by character instead, so offsets stay the identity. Simplified
    text comes back unchanged (measured: no character of the seeds changes)."""
    converter = _t2s()
    out: str = converter.convert(text)
    if len(out) == len(text):
        return out
    lines = []
    for line in text.split("\n"):
        conv: str = converter.convert(line)
        if len(conv) != len(line):
            conv = "".join(c if len(c := converter.convert(ch)) == 1 else ch for ch in line)
        lines.append(conv)
    return "\n".join(lines)


#: Characters that may normalise to something else (not ASCII, not a unified ideograph).
_SPECIAL = re.compile(r"[^\x00-\x7f\u4e00-\u9fff]")


def normalise(original: str) -> NormalisedText:
    """NFKC per character (full-width to half-width), dashes to '-', CRLF to LF, and
    traditional characters to simplified (the working copy is always simplified: the
    lexicon is; names keep their original forms as aliases).

    Done character by character so every output character knows its source; NFKC of a
    single character never depends on its neighbours for the characters of this genre.
    """
    # ASCII and unified ideographs map to themselves: only the other characters (a few
    # thousand punctuation marks in a long notice) are looked at and replaced.
    mapping = {ch: _normalise_char(ch) for ch in set(_SPECIAL.findall(original))}
    changed = {k: v for k, v in mapping.items() if k != v}
    if "\r" not in original and all(len(v) == 1 for v in changed.values()):
        # Fast path (most files): one character in, one out; offsets are the identity.
        text = original
        if changed:
            pattern = re.compile("[" + "".join(re.escape(k) for k in changed) + "]")
            text = pattern.sub(lambda m: changed[m.group()], original)
        return NormalisedText(original, simplified(text))
    out: list[str] = []
    starts: array[int] = array("q")
    ends: array[int] = array("q")
    for i, ch in enumerate(original):
        if ch == "\r":
            if i + 1 < len(original) and original[i + 1] == "\n":
                continue
            ch = "\n"
        for piece in mapping.get(ch, ch):
            out.append(piece)
            starts.append(i)
            ends.append(i + 1)
    return NormalisedText(
        original=original, text=simplified("".join(out)), starts=starts, ends=ends
    )
