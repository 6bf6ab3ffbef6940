"""What the benchmarks share: timing runs, pairing two measurements run by run, and printing a median with its
spread and the machine's load (a ratio is only as good as the quiet it was measured in)."""

from __future__ import annotations

import os
import random
import statistics
import time
from collections.abc import Callable


def seconds(fn: Callable[[], object], repeat: int) -> list[float]:
    """Each of `repeat` runs of `fn`, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


def paired(first: Callable[[], object], second: Callable[[], object], repeat: int) -> tuple[list[float], list[float]]:
    """`first` and `second` run in turns, `repeat` times each, so a slow moment falls on both alike."""
    a, b = [], []
    for _ in range(repeat):
        a += seconds(first, 1)
        b += seconds(second, 1)
    return a, b


def ratios(top: list[float], bottom: list[float]) -> list[float]:
    """Run by run, `top` over `bottom`."""
    return [t / b for t, b in zip(top, bottom, strict=True)]


def median_ratio(top: list[float], bottom: list[float], resamples: int = 2000) -> list[float]:
    """The ratio of the two medians, resampled (bootstrap, a fixed seed): its median is the ratio, its middle
    half the uncertainty. For measurements that are not pairs, such as slider moves on different pages."""
    draw = random.Random(26)
    return [
        statistics.median(draw.choices(top, k=len(top))) / statistics.median(draw.choices(bottom, k=len(bottom)))
        for _ in range(resamples)
    ]


def spread(values: list[float], unit: str = "ms", scale: float = 1000) -> str:
    """The median and the middle half of the measurements (milliseconds by default; unit="x" for ratios)."""
    if len(values) < 2:
        return f"{values[0] * scale:8.2f} {unit}"
    q1, median, q3 = (v * scale for v in statistics.quantiles(values, n=4, method="inclusive"))
    digits = 0 if median >= 100 else 2
    return f"{median:8.{digits}f} {unit}  (middle half {q1:.{digits}f}–{q3:.{digits}f})"


def load() -> str:
    """The machine's load, to print beside the figures."""
    one, five, _ = os.getloadavg()
    return f"load {one:.2f} (1 min), {five:.2f} (5 min) on {os.cpu_count()} CPUs"
