"""Benchmark of the per-article pipeline (segment, language, parse, entities, places, timex,
events) on a laptop CPU: what one article costs, whether that cost stays flat as the batch
grows, what start-up costs, and what batching the parse buys.

``python benchmarks/bench_pipeline.py [--sizes 100,1000] [--report]`` generates articles from
the sentences of examples/corpus and, when present, ../shared/corpus (seeds and dev): 5-10
paragraphs of 1-3 sentences each, with person names swapped among those the corpus uses and
years, days and months changed, so no two articles are the same text. Then, in this process:

- start-up: building the pipeline and annotating the first article (loads spaCy, the
  knowledge base, the gazetteer index, dateparser);
- per-article cost at each size (``Pipeline.pipe`` with ``settings.nlp.batch_size``, as
  ``Ledger.ingest`` runs it), as a ratio against the smallest size measured in the same run
  (absolute times depend on the machine and its load; the ratio is what we watch: ~1.0 means
  the cost per article does not grow with the batch);
- batch size 1 against 32 over the same articles (ratio of times);
- peak RSS of the process.

And, each in a fresh subprocess, the gazetteer before and after the SQLite index: start-up to
the first annotated article and RSS with the old in-memory load against the index (already
built), plus the one-time cost of building the index. ``--report`` appends the table, dated, to
benchmarks/REPORT.md. Nothing is tuned by this benchmark.
"""
from __future__ import annotations

import argparse
import copy
import datetime as dt
import json
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsledger.config import Settings
from newsledger.model import Document

SOURCES = [ROOT / "examples" / "corpus", ROOT.parent / "shared" / "corpus" / "seeds",
           ROOT.parent / "shared" / "corpus" / "dev"]
HEADER = re.compile(r"^\s*(date|by|source|title|url)\b", re.IGNORECASE)
SENT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“‘'(])")
# names the corpus articles use, swapped among themselves (same roles: defence ministers, leaders)
PEOPLE = ["Zakir Hasanov", "Hulusi Akar", "Yaşar Güler", "Ilham Aliyev", "Recep Tayyip Erdoğan",
          "Kerim Valiyev", "Jeyhun Bayramov", "Mevlüt Çavuşoğlu", "Hikmet Mirzayev", "Ümit Dündar"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
MONTH_DAY = re.compile(r"\b(" + "|".join(MONTHS) + r") (\d{1,2})\b")
YEAR = re.compile(r"\b(201\d|202[0-4])\b")


def sentences() -> list[str]:
    out: list[str] = []
    for src in SOURCES:
        for f in sorted(src.glob("*.txt")) if src.is_dir() else []:
            for para in f.read_text("utf-8").split("\n\n"):
                para = " ".join(para.split())
                if para and not HEADER.match(para) and len(para) > 40:
                    out += [s for s in SENT.split(para) if len(s) > 30]
    return out


def vary(s: str, rng: random.Random) -> str:
    for name in PEOPLE:
        if name in s:
            s = s.replace(name, rng.choice(PEOPLE))
    s = MONTH_DAY.sub(lambda m: f"{rng.choice(MONTHS)} {rng.randint(1, 28)}", s)
    return YEAR.sub(lambda m: str(rng.randint(2015, 2024)), s)


def corpus(n: int, pool: list[str], seed: int) -> list[Document]:
    rng = random.Random(seed)
    docs = []
    for i in range(n):
        paras = [" ".join(vary(rng.choice(pool), rng) for _ in range(rng.randint(1, 3)))
                 for _ in range(rng.randint(5, 10))]
        pub = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(3650))
        docs.append(Document(f"bench-{seed}-{i:05d}", "\n\n".join(paras), published=pub.isoformat()))
    return docs


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024     # Linux: KB


def run(pipeline, docs: list[Document], batch_size: int) -> tuple[float, float]:
    """(wall, CPU) seconds to annotate ``docs``."""
    docs = copy.deepcopy(docs)
    t, c = time.perf_counter(), time.process_time()
    n = sum(1 for _ in pipeline.pipe(docs, batch_size=batch_size))
    assert n == len(docs)
    return time.perf_counter() - t, time.process_time() - c


# --- start-up in a fresh process, with the gazetteer loaded one way or the other ----------------
STARTUP = r"""
import json, resource, sys, time
t0, c0 = time.perf_counter(), time.process_time()
sys.path.insert(0, {src!r})
if {memory!r}:
    from functools import lru_cache
    import newsledger.kb.gazetteer as g
    g.load_gazetteer = lru_cache(maxsize=2)(lambda path=None: g.read_gazetteer(g.GAZETTEER))
from newsledger.config import Settings
from newsledger.model import Document
from newsledger.pipeline import Pipeline
p = Pipeline(Settings())
doc = p(Document("d", {text!r}, published="2021-06-16"))
t1 = time.perf_counter()
print(json.dumps({{"first_doc_s": t1 - t0, "cpu_s": time.process_time() - c0, "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "entities": len(doc.entities)}}))
"""


def startup(memory: bool, text: str) -> dict:
    r = subprocess.run([sys.executable, "-c", STARTUP.format(src=str(ROOT / "src"), memory=memory, text=text)],
                       check=True, capture_output=True, text=True)
    return json.loads(r.stdout.strip().splitlines()[-1])


def index_build_s() -> float:
    from newsledger.kb.gazetteer import GAZETTEER, build_index

    with tempfile.TemporaryDirectory() as d:
        t = time.perf_counter()
        build_index(GAZETTEER, Path(d) / "g.sqlite")
        return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="100,1000", help="article counts, the first is the baseline")
    ap.add_argument("--batch", type=int, default=Settings().nlp.batch_size)
    ap.add_argument("--report", action="store_true", help="append the table to benchmarks/REPORT.md")
    args = ap.parse_args()
    sizes = [int(x) for x in args.sizes.split(",")]
    pool = sentences()
    print(f"{len(pool)} sentences from {', '.join(str(s.relative_to(ROOT.parent)) for s in SOURCES if s.is_dir())}",
          flush=True)
    lines: list[str] = []

    def row(*cells: object) -> None:
        lines.append("| " + " | ".join(str(c) for c in cells) + " |")
        print(lines[-1], flush=True)

    # start-up, before (in-memory gazetteer) and after (SQLite index), each in a fresh process
    first = corpus(1, pool, seed=0)[0].text
    startup(False, first)                      # make sure the index exists (first-use build)
    before = [startup(True, first) for _ in range(2)]
    after = [startup(False, first) for _ in range(2)]
    build = index_build_s()
    b_s, a_s = min(x["first_doc_s"] for x in before), min(x["first_doc_s"] for x in after)
    b_c, a_c = min(x["cpu_s"] for x in before), min(x["cpu_s"] for x in after)
    b_m, a_m = min(x["rss_mb"] for x in before), min(x["rss_mb"] for x in after)
    row("measure (wall / CPU time; best of 2 for start-up)", "value", "ratio / note")
    row("---", "---", "---")
    row("start-up to first article, in-memory gazetteer (before)",
        f"{b_s:.2f} s wall, {b_c:.2f} s CPU, {b_m:.0f} MB RSS", "1.00")
    row("start-up to first article, SQLite gazetteer index (after)",
        f"{a_s:.2f} s wall, {a_c:.2f} s CPU, {a_m:.0f} MB RSS",
        f"{a_s / b_s:.2f} wall, {a_c / b_c:.2f} CPU, {a_m / b_m:.2f} RSS")
    row("one-time gazetteer index build (first use per TSV version)", f"{build:.1f} s", "cached afterwards")

    # this process: start-up, then warm per-article costs
    from newsledger.pipeline import Pipeline

    t = time.perf_counter()
    pipeline = Pipeline(Settings())
    run(pipeline, corpus(1, pool, seed=1), 1)
    row("start-up in this process (build pipeline + first article)", f"{time.perf_counter() - t:.2f} s", "")
    per: dict[int, tuple[float, float]] = {}
    for n in sizes:
        docs = corpus(n, pool, seed=n)
        w, c = run(pipeline, docs, args.batch)
        per[n] = (w / n, c / n)
        if n == sizes[0]:
            base_docs = docs
        bw, bc = per[sizes[0]]
        row(f"per article, {n} articles, batch {args.batch}",
            f"{per[n][0] * 1000:.0f} ms wall, {per[n][1] * 1000:.0f} ms CPU",
            f"{per[n][0] / bw:.2f} wall, {per[n][1] / bc:.2f} CPU x the {sizes[0]}-article cost")
    one = run(pipeline, base_docs, 1)
    many = run(pipeline, base_docs, args.batch)
    row(f"batch size 1 vs {args.batch}, same {sizes[0]} articles",
        f"{one[0]:.1f} s vs {many[0]:.1f} s wall, {one[1]:.1f} s vs {many[1]:.1f} s CPU",
        f"{one[0] / many[0]:.2f} wall, {one[1] / many[1]:.2f} CPU (batch 1 / batch {args.batch})")
    row("peak RSS of this process", f"{rss_mb():.0f} MB", "")
    if args.report:
        stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
        with open(ROOT / "benchmarks" / "REPORT.md", "a", encoding="utf-8") as f:
            f.write(f"\n## Per-article pipeline ({stamp}, `bench_pipeline.py --sizes {args.sizes}`)\n\n"
                    + "\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
