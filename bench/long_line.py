"""Extraction of one long line without punctuation: time per character at growing sizes,
measured in one run (issue 15: it was quadratic, 16 s at 200 KB and unfinished at 2 MB).

The line is the seeds' text with every punctuation mark, tab and space removed, repeated
to each size, under a notice title. Each size runs through `extract_paths` in this
process (lexicon loaded once), so the figures are extraction alone. Goal: microseconds
per character flat (within 1.5x) from the smallest to the largest size; the peak RSS of
the process is printed as the run goes.

Run: .venv/bin/python bench/long_line.py [--sizes 25000 200000 2000000]
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from pathlib import Path

from ingest.batch import extract_paths
from ingest.lexicon import load_lexicon

ROOT = Path(__file__).resolve().parents[1]
PUNCTUATION = set("。，；：！？、,.;:!?\t \u3000\n")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[25_000, 200_000, 2_000_000])
    args = parser.parse_args()
    text = "".join(
        (ROOT / "seeds").joinpath(p.name).read_text(encoding="utf-8")
        for p in sorted((ROOT / "seeds").glob("*.txt"))
    )
    body = "".join(ch for ch in text if ch not in PUNCTUATION)
    lexicon = load_lexicon()
    rates = []
    print(f"{'characters':>12} {'seconds':>9} {'µs/char':>9} {'records':>8} {'peak RSS MiB':>13}")
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            line = (body * (size // len(body) + 1))[:size]
            path = Path(tmp) / f"line_{size}.txt"
            path.write_text("关于印发测试方案的通知\n" + line + "\n", encoding="utf-8")
            t0 = time.perf_counter()
            run = extract_paths([path], lexicon=lexicon)
            records = sum(len(recs) for _src, recs in run.documents())
            seconds = time.perf_counter() - t0
            assert not run.failures, run.failures
            rate = seconds / size * 1e6
            rates.append(rate)
            rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(f"{size:>12,} {seconds:>9.2f} {rate:>9.1f} {records:>8} {rss:>13.0f}")
    print(f"µs per character, largest / smallest size: {rates[-1] / rates[0]:.2f} (goal <= 1.5)")


if __name__ == "__main__":
    main()
