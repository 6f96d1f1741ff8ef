"""Peak memory of `kg extract` at 10 and at 200 documents, measured in one run.

Goal (issue 10): extraction streams one document at a time, so the peak resident set of
the process stays flat as the corpus grows. Each size runs in a fresh `kg extract`
process over a folder of seed copies with distinct names; the peak RSS comes from the
kernel's accounting of that child (ru_maxrss).

Run: .venv/bin/python bench/extract_memory.py [--sizes 10 200]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
KG = Path(sys.executable).with_name("kg")


def peak_rss_mib(folder: Path) -> float:
    """Peak RSS of one `kg extract` child over `folder` (output discarded), from that
    child's own resource usage (os.wait4)."""
    child = subprocess.Popen(
        [str(KG), "extract", str(folder), "-o", "/dev/null"], stderr=subprocess.DEVNULL
    )
    _pid, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"kg extract failed with exit code {child.returncode}")
    return usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 200])
    args = parser.parse_args()
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    results = []
    for size in sorted(args.sizes):
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            for i in range(size):
                src = seeds[i % len(seeds)]
                shutil.copy(src, folder / f"{src.stem}-{i:05d}.txt")
            results.append((size, peak_rss_mib(folder)))
    for size, mib in results:
        print(f"kg extract over {size:>5} documents: peak RSS {mib:7.1f} MiB")
    if len(results) > 1:
        print(
            f"ratio largest / smallest: {results[-1][1] / results[0][1]:.2f} (goal: flat, <= 1.1)"
        )


if __name__ == "__main__":
    main()
