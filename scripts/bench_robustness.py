"""Time and peak memory per document, for texts of 1k to 1M characters, realistic and adversarial.

Usage:
    .venv/bin/python scripts/bench_robustness.py                      # 1k, 10k, 100k, 1M characters
    .venv/bin/python scripts/bench_robustness.py --sizes 1000 10000 --kinds news said

The whole default pipeline is loaded once and run in this process; before each document the peak
RSS is reset (Linux ``/proc/self/clear_refs``), so the peak shown, model included, is that
document's. Kinds: ``news`` (made-up
two-paragraph stories, one after another), ``said`` (one word repeated), ``marks`` (an opening
quotation mark that never closes, repeated), ``run_on`` (words without punctuation). A near-linear
pipeline shows seconds per 1k characters roughly flat across sizes.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import hostile_inputs

from communique.article import Article
from communique.config import load_config
from communique.runner import prepare


def news(chars: int) -> str:
    """Made-up news stories, one after another, cut to ``chars`` at a paragraph end or less."""
    parts: list[str] = []
    size, number = 0, 0
    while size < chars:
        part = hostile_inputs.good_text(number)
        parts.append(part)
        size += len(part) + 2
        number += 1
    return "\n\n".join(parts)[:chars]


def repeated(unit: str) -> Callable[[int], str]:
    """Text of ``unit`` repeated to ``chars`` characters."""
    return lambda chars: (unit * (chars // len(unit) + 1))[:chars]


KINDS: dict[str, Callable[[int], str]] = {
    "news": news,
    "said": repeated("said "),
    "marks": repeated('The minister said "'),
    "run_on": hostile_inputs.run_on_sentence,
}

def reset_peak() -> None:
    """Start a new peak-RSS measurement for this process (Linux: clear_refs resets VmHWM)."""
    Path("/proc/self/clear_refs").write_text("5")


def peak_mib() -> float:
    """This process's peak RSS since the last reset, in MiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def measure(pipeline, text: str) -> tuple[float, float, list[str]]:
    """Seconds, peak RSS (MiB, the loaded model included) and error stages of one document."""
    reset_peak()
    started = time.perf_counter()
    article = pipeline(Article(id="bench", text=text, published="2024-03-01"))
    seconds = time.perf_counter() - started
    return seconds, peak_mib(), sorted({e.stage for e in article.errors})


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000, 1_000_000])
    parser.add_argument("--kinds", nargs="+", choices=sorted(KINDS), default=list(KINDS))
    args = parser.parse_args(argv)
    # The repetition guard would refuse the adversarial texts before parsing; this measures the
    # pipeline's own curve on them, so it is off here.
    pipeline = prepare(load_config(overrides={"stages": {"ingest": {"min_distinct_words": 0}}}))
    print("| kind | characters | seconds | s per 1k chars | peak RSS (MiB) | errors |")
    print("|---|---|---|---|---|---|")
    for kind in args.kinds:
        for size in args.sizes:
            seconds, peak, stages = measure(pipeline, KINDS[kind](size))
            print(f"| {kind} | {size:,} | {seconds:.2f} | {seconds / size * 1000:.3f} | {peak:,.0f} | "
                  f"{', '.join(stages) or '-'} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
