"""Benchmarks (not tests: nothing here fails because a machine is slow). Run: make bench

1. Rebuild: a full build with no render cache, and a warm one, each as a ratio to the bare import of
   pandas, pandera and matplotlib, timed in the same run on the same machine (ratios, not seconds,
   compare across machines). The aim: a cold rebuild within 2x the import.
2. Answers: `secstats cite` as a ratio to a bare `python -c "import pandas"` (aim: at most 0.6x), and
   every table through `secstats.load` as a ratio to `pandas.read_csv` of the same files in the same
   process (aim: at most 2x).
3. Scale: builds from synthetic projects (scripts.synthetic: made-up documents and ledgers, in a temp
   dir) of 1,000, 10,000 and 100,000 claims over 100 documents, with seconds and peak memory per stage.
   Charts are left out (the site is built around titled, empty stand-ins): they draw and label every
   row, for a handful of documents, not 100,000 claims.

    python scripts/benchmark.py                       both parts
    python scripts/benchmark.py --part rebuild
    python scripts/benchmark.py --part answers
    python scripts/benchmark.py --part scale --sizes 1000 10000
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
IMPORTS = "import pandas, pandera.pandas, matplotlib.pyplot"
BUILD = "import sys; from pathlib import Path; from secstats.pipeline import run_build; from secstats.core.paths import Layout; run_build(Layout(Path(sys.argv[1])))"
SIZES = (1_000, 10_000, 100_000)
# Stage -> the functions run_build calls for it, as (module, attribute) where run_build looks them up.
STAGES: dict[str, tuple[tuple[str, str], ...]] = {
    "check": (("secstats.pipeline", "check_inputs"),),
    "tables": (("secstats.publish.catalog", "assemble"), ("secstats.publish.catalog", "untabled_problems")),
    "coverage": (("secstats.publish.catalog", "build_coverage"),),
    "validation": (("secstats.publish.catalog", "validated"),),
    "reconciliation": (("secstats.publish.catalog", "build_reconciliation"),),
    "verdicts": (("secstats.publish.catalog", "build_verdicts"),),
    "contradictions": (("secstats.publish.catalog", "find_contradictions"),),
    "metadata": (("secstats.publish.metadata", "metadata_files"),),
    "site": (("secstats.site.pages", "site_files"),),
    "write": (("secstats.pipeline", "table_files"), ("secstats.pipeline", "publish")),
}


# --- 1. rebuild against the bare import --------------------------------------------------------


# Bytecode is written, as `make` does: the libraries' own is compiled at install, so without this
# the build alone would pay for compiling secstats on every run and the ratio would be unfair to it.
WITH_BYTECODE = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


def seconds(command: list[str]) -> float:
    """Wall time of one run of a command."""
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True, env=WITH_BYTECODE)
    return time.perf_counter() - start


def scratch_project(root: Path) -> Path:
    """A copy of the project's data and built outputs, so builds can run there without touching the repo."""
    for part in ("data", "figures", "docs"):
        if (ROOT / part).is_dir():
            shutil.copytree(ROOT / part, root / part)
    return root


def rebuild_ratios(rounds: int = 5) -> None:
    """Print the cold and warm rebuild times as ratios to the bare import time.

    The three are timed in turn in each round, so they share the machine's load, and each keeps its
    fastest round: on a shared machine the fastest run is the one least slowed by other processes.
    """
    times: dict[str, list[float]] = defaultdict(list)
    with tempfile.TemporaryDirectory() as tmp:
        project = scratch_project(Path(tmp))
        build = [sys.executable, "-c", BUILD, str(project)]
        seconds(build)  # warms the file cache and fills the render cache
        for _ in range(rounds):
            times["import"].append(seconds([sys.executable, "-c", IMPORTS]))
            times["warm"].append(seconds(build))
            shutil.rmtree(project / ".cache")
            times["cold"].append(seconds(build))
    imports, cold, warm = (min(times[name]) for name in ("import", "cold", "warm"))
    print(f"bare import of pandas, pandera, matplotlib   1.0x  ({imports:.2f} s, fastest of {rounds})")
    print(f"full rebuild, no render cache               {cold / imports:4.1f}x  (aim: at most 2x)")
    print(f"full rebuild, warm render cache             {warm / imports:4.1f}x")
    print(machine_load())


def machine_load() -> str:
    """The machine's load, to read the timings by: other processes slow every wall time."""
    return f"Load average (1 min) at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores."


# --- 2. answers: a citation against the import of pandas, load against read_csv ----------------

CITE = [sys.executable, "-m", "secstats", "cite", "kloppe-006"]
PANDAS = [sys.executable, "-c", "import pandas"]
# In one process, after the imports: every table through load(), then through read_csv, in turn for
# 10 rounds (so that both share the machine's load), each keeping its fastest round.
LOADS = """
import time, pandas, secstats
from secstats.core.paths import default_layout
clean = default_layout().clean
names = list(secstats.tables())
def seconds(read):
    start = time.perf_counter()
    for name in names:
        read(name)
    return time.perf_counter() - start
for name in names:
    secstats.load(name)  # the schemas' first use, outside the timing
rounds = [(seconds(secstats.load), seconds(lambda name: pandas.read_csv(clean / f"{name}.csv"))) for _ in range(10)]
print(min(load for load, _ in rounds), min(read for _, read in rounds))
"""


def answer_ratios(rounds: int = 5) -> None:
    """Print the citation's and load()'s times as ratios to what a pandas user compares them with."""
    times: dict[str, list[float]] = defaultdict(list)
    for _ in range(rounds):  # interleaved, so both share the machine's load
        times["pandas"].append(seconds(PANDAS))
        times["cite"].append(seconds(CITE))
    done = subprocess.run([sys.executable, "-c", LOADS], cwd=ROOT, check=True, capture_output=True, text=True, env=WITH_BYTECODE)
    load, read_csv = map(float, done.stdout.split())
    pandas, cite = min(times["pandas"]), min(times["cite"])
    print(
        f"secstats cite ID / python -c 'import pandas'   {cite / pandas:4.2f}x  ({cite:.2f} s / {pandas:.2f} s; aim: at most 0.6x)"
    )
    print(
        f"every table: load() / read_csv               {load / read_csv:4.2f}x  ({load:.3f} s / {read_csv:.3f} s; aim: at most 2x)"
    )
    print(machine_load())


# --- 3. scale: synthetic projects, seconds and peak memory per stage ----------------------------


def peak_rss_mb() -> float:
    """The process's peak resident memory since the last reset (Linux /proc), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def reset_peak_rss() -> None:
    """Start a new peak-memory window (Linux: writing 5 to clear_refs resets VmHWM)."""
    with contextlib.suppress(OSError):  # peaks then run from the process start, which only overstates them
        Path("/proc/self/clear_refs").write_text("5")


def instrument(seconds: dict[str, float], cpu: dict[str, float], memory: dict[str, float]) -> None:
    """Wrap every function of ``STAGES`` so each call adds its wall and CPU time and peak memory to its stage."""
    import importlib

    for stage, functions in STAGES.items():
        for module_name, attribute in functions:
            module = importlib.import_module(module_name)
            if not hasattr(module, attribute):
                raise SystemExit(f"benchmark: {module_name} has no {attribute} (stage {stage}); update STAGES")

            original = getattr(module, attribute)

            def timed(*args, _stage=stage, _original=original, **kwargs):
                reset_peak_rss()
                start, start_cpu = time.perf_counter(), time.process_time()
                try:
                    return _original(*args, **kwargs)
                finally:
                    seconds[_stage] += time.perf_counter() - start
                    cpu[_stage] += time.process_time() - start_cpu
                    memory[_stage] = max(memory[_stage], peak_rss_mb())

            setattr(module, attribute, timed)


def stand_in_charts(layout: object, built: object = None) -> dict[str, bytes]:
    """A titled, empty SVG and an empty PNG for every chart, so the site is built around them: drawing
    charts that label every row is not what a ledger of 100,000 claims would publish."""
    from secstats.charts.figures import CHARTS

    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="chart-title chart-desc">'
        '<title id="chart-title">{name}</title><desc id="chart-desc">not drawn in the benchmark</desc></svg>'
    )
    names = [f"{chart.name}{suffix}" for chart in CHARTS for suffix in ("", "-narrow")]
    files = {f"{name}.svg": svg.format(name=name).encode() for name in names}
    return {**files, **{f"{name}.png": b"" for name in names}}


def measure_size(claims: int) -> dict:
    """Generate a synthetic project of ``claims`` claims and build it (charts left out), per stage."""
    from synthetic import make_project

    from secstats import pipeline
    from secstats.charts import render as charts
    from secstats.core.paths import default_layout

    charts.render_charts = stand_in_charts
    seconds: dict[str, float] = defaultdict(float)
    cpu: dict[str, float] = defaultdict(float)
    memory: dict[str, float] = defaultdict(float)
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        layout = make_project(default_layout(), Path(tmp) / "project", claims)
        generated = time.perf_counter() - start
        instrument(seconds, cpu, memory)
        reset_peak_rss()
        start, start_cpu = time.perf_counter(), time.process_time()
        pipeline.run_build(layout)
        total, total_cpu = time.perf_counter() - start, time.process_time() - start_cpu
        rows = {path.stem: sum(1 for _ in path.open()) - 1 for path in layout.clean.glob("*.csv")}
    return {
        "claims": claims,
        "generate": generated,
        "build": total,
        "build_cpu": total_cpu,
        "peak_mb": peak_rss_mb(),
        "seconds": dict(seconds),
        "cpu": dict(cpu),
        "memory": dict(memory),
        "rows": rows,
    }


def scale_table(sizes: list[int]) -> None:
    """Measure each size in its own process (a fresh memory peak) and print the table for docs/performance.md."""
    results = []
    for size in sizes:
        done = subprocess.run(
            [sys.executable, __file__, "--measure", str(size)], cwd=ROOT, check=True, capture_output=True, text=True
        )
        results.append(json.loads(done.stdout.splitlines()[-1]))
    print("| stage | " + " | ".join(f"{r['claims']:,} claims" for r in results) + " |")
    print("| --- |" + " ---: |" * len(results))
    for stage in STAGES:
        print(
            f"| {stage} | "
            + " | ".join(
                f"{r['seconds'].get(stage, 0):.2f} s ({r['cpu'].get(stage, 0):.2f}), {r['memory'].get(stage, 0):.0f} MB"
                for r in results
            )
            + " |"
        )
    print(
        "| **whole build** (charts left out) | "
        + " | ".join(f"**{r['build']:.1f} s** ({r['build_cpu']:.1f}), {r['peak_mb']:.0f} MB" for r in results)
        + " |"
    )
    for name in ("reconciliation", "verdicts", "contradictions"):
        print(f"| rows of {name} | " + " | ".join(f"{r['rows'].get(name, 0):,}" for r in results) + " |")
    generated = ", ".join(f"{result['generate']:.1f}" for result in results)
    print(
        "\nseconds: wall time of the stage (in brackets: CPU time of the build process); MB: peak resident memory of the build process during it. "
        f"Synthetic projects generated in {generated} s (not counted). {machine_load()}"
    )


def main() -> None:
    """Run the parts asked for."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=["answers", "rebuild", "scale", "all"], default="all")
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES), help="ledger sizes for the scale part")
    parser.add_argument("--measure", type=int, help=argparse.SUPPRESS)  # one size, in a child process
    options = parser.parse_args()
    if options.measure:
        print(json.dumps(measure_size(options.measure)))
        return
    if options.part in ("answers", "all"):
        answer_ratios()
    if options.part in ("rebuild", "all"):
        rebuild_ratios()
    if options.part in ("scale", "all"):
        scale_table(options.sizes)


if __name__ == "__main__":
    main()
