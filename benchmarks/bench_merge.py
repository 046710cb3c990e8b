"""Benchmark of the merge stage (``newsledger.stages.merge.update``): cost per mention as the
archive grows, in one block (one busy dyad) and spread over many.

``python benchmarks/bench_merge.py [--sizes 1000,10000,100000] [--layouts one,spread]``
    CPU and wall time per mention of ``merge.update`` at each size and layout, as ratios against
    the smallest size of the same layout, plus peak traced memory; appends a table to
    benchmarks/REPORT.md (``--no-report`` to skip).
``--check``: after each run, recompute every event id from scratch (``merge.cluster``) and
    count the mentions whose incrementally computed id differs (must be 0).

The generated archive (mentions straight into Documents: no language processing): articles of
1-4 mentions, published two a day, so a larger archive covers a longer time, as a real one does
(constant density: "one block" puts ~5 mentions a day into CONSULT|AZE-TUR, more than any real
dyad of the corpora; "spread" draws each mention's block from 6 types x 8 dyads). Each mention
is one of: a day stated by a time expression 0-6 days before publication (48%); "today"
(publication date, 10%); a run of drills of 2-10 days (8%); a month (10%); a year (4%); no date
(10%); a sentence copied from one of the previous 300 articles, in a paragraph marked recycled
from it (10%). Places: none, Baku or Ankara. Articles arrive in batches of 100 in publication
order, 5% of them 1-4 batches late (an older article arriving late: the stored articles that
recycle its paragraphs are passed with it, as corpus.py passes what the recycled stage relabels).
Backend: SQLiteStore in a temporary directory, one transaction per batch; CPU time is the
process's (SQLite runs in-process).
"""
from __future__ import annotations

import argparse
import gc
import random
import resource
import sys
import tempfile
import time
import tracemalloc
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

from newsledger.model import Document, EventMention, Paragraph
from newsledger.stages import merge
from newsledger.store.sqlite import SQLiteStore

ROOT = Path(__file__).resolve().parents[1]
TYPES = [("CONSULT", "meet"), ("CONSULT", "phone"), ("COOPERATE", "exercise"), ("SUPPORT", "agreement"),
         ("AID", "military"), ("AGREE", "intent")]
DYADS = [["AZE", "TUR"], ["KOR", "USA"], ["GEO", "USA"], ["AZE", "USA"], ["PAK", "TUR"], ["POL", "USA"],
         ["ARM", "RUS"], ["AZE", "ISR"]]
PLACES = [None, None, {"name": "Baku", "country": "AZE"}, {"name": "Ankara", "country": "TUR"}]


def generate(n: int, layout: str, seed: int = 1) -> list[Document]:
    """Articles holding ``n`` mentions in all (see the module docstring)."""
    rng = random.Random(seed)
    start = date(2000, 1, 1)
    docs: list[Document] = []
    made = 0
    while made < n:
        i = len(docs)
        pub = start + timedelta(days=i // 2)
        text, paras, events = "", [], []
        for _ in range(min(rng.randint(1, 4), n - made)):
            p0 = len(text)
            kind = rng.random()
            if kind < 0.10 and len(docs) > 1:        # a copied sentence, recycled from its source
                src = docs[rng.randrange(max(0, len(docs) - 300), len(docs))]
                if src.events:
                    k = rng.randrange(len(src.events))
                    e = src.events[k]
                    text += src.text[e.start:e.end]
                    first = next(p.first_seen or src.doc_id for p in src.paragraphs
                                 if p.start <= e.start < p.end)
                    paras.append(Paragraph(p0, len(text), recycled=True, first_seen=first))
                    events.append(EventMention(e.type, e.mode, e.status, list(e.countries), p0, len(text),
                                               date=dict(e.date), date_basis=e.date_basis, location=e.location,
                                               recycled=True))
                    text += "\n\n"
                    made += 1
                    continue
            typ, mode = (TYPES[0] if layout == "one" else rng.choice(TYPES))
            cs = DYADS[0] if layout == "one" else rng.choice(DYADS)
            basis = "timex"
            if kind < 0.58:
                d = pub - timedelta(days=rng.randint(0, 6))
                dt_ = {"value": d.isoformat(), "precision": "day"}
            elif kind < 0.68:
                dt_, basis = {"value": pub.isoformat(), "precision": "day"}, "publication"
            elif kind < 0.76:
                d = pub - timedelta(days=rng.randint(0, 12))
                e_ = d + timedelta(days=rng.randint(1, 9))
                dt_ = {"value": d.isoformat(), "precision": "day", "start": d.isoformat(), "end": e_.isoformat()}
            elif kind < 0.86:
                dt_ = {"value": pub.isoformat()[:7], "precision": "month"}
            elif kind < 0.90:
                dt_ = {"value": pub.isoformat()[:4], "precision": "year"}
            else:
                dt_, basis = {"value": None, "precision": "unknown"}, "none"
            text += f"Sentence {made} of article {i}: {typ.lower()} {mode} of {' and '.join(cs)} ({rng.random():.9f})."
            paras.append(Paragraph(p0, len(text)))
            events.append(EventMention(typ, mode, rng.choice(["occurred", "occurred", "occurred", "planned"]),
                                       sorted(cs), p0, len(text), date=dt_, date_basis=basis,
                                       location=rng.choice(PLACES)))
            text += "\n\n"
            made += 1
        docs.append(Document(f"g{i:07d}", text, published=pub.isoformat(), paragraphs=paras, events=events))
    return docs


def run(n: int, layout: str, batch: int = 100, check: bool = False) -> dict:
    docs = generate(n, layout)
    rng = random.Random(n)
    late = {d.doc_id for d in docs if rng.random() < 0.05}
    order = [d for d in docs if d.doc_id not in late]
    batches = [order[i:i + batch] for i in range(0, len(order), batch)]
    for j, d in enumerate(d for d in docs if d.doc_id in late):
        k = min(len(batches) - 1, int(d.doc_id[1:]) // batch + 1 + j % 4)
        batches[k].append(d)
    copies: dict[str, set[str]] = defaultdict(set)       # source -> articles recycling it
    for d in docs:
        for p in d.paragraphs:
            if p.first_seen:
                copies[p.first_seen].add(d.doc_id)
    with tempfile.TemporaryDirectory() as tmp:
        store = SQLiteStore(str(Path(tmp) / "bench.db"))
        gc.collect()
        tracemalloc.start()
        wall, cpu, mark, stored = 0.0, 0.0, 0.0, set()
        for i, b in enumerate(batches, 1):
            if i % 10 == 0:             # the running cost, and the cost of the last ten batches
                done = sum(len(d.events) for x in batches[:i - 1] for d in x)
                last = sum(len(d.events) for x in batches[max(0, i - 11):i - 1] for d in x)
                print(f"  {layout} n={n}: {done:,} mentions, {1000 * cpu / max(1, done):.2f} CPU ms/mention so far, "
                      f"{1000 * (cpu - mark) / max(1, last):.2f} in the last ten batches", file=sys.stderr, flush=True)
                mark = cpu
            with store.transaction():
                for d in b:
                    store.put_document(d)
            ids = {d.doc_id for d in b}
            stored |= ids
            ids |= {c for d in b for c in copies.get(d.doc_id, ()) if c in stored}
            t0, c0 = time.perf_counter(), time.process_time()
            with store.transaction():
                merge.update(store, sorted(ids))
            wall += time.perf_counter() - t0
            cpu += time.process_time() - c0
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        rows = list(store.all_mentions())
        wrong = None
        if check:
            by = {d.doc_id: d for d in store.iter_documents()}
            want = merge.cluster([merge._mention(by[r.doc_id], r.index) for r in rows])
            wrong = sum(want[(r.doc_id, r.index)] != r.event_id for r in rows)
        events = len({r.event_id for r in rows})
        biggest = max(sum(1 for r in rows if r.block == b) for b in {r.block for r in rows})
        store.close()
    m = len(rows)
    return {"n": m, "layout": layout, "articles": len(docs), "wall": wall, "cpu": cpu,
            "wall_ms": 1000 * wall / m, "cpu_ms": 1000 * cpu / m, "peak_mb": peak / 2**20,
            "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "events": events,
            "biggest_block": biggest, "days": len(docs) // 2, "wrong": wrong}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="1000,10000", help="comma-separated mention counts; the first is the "
                    "baseline of the ratios")
    ap.add_argument("--layouts", default="one,spread")
    ap.add_argument("--check", action="store_true", help="compare with merge.cluster from scratch")
    ap.add_argument("--report", type=Path, default=ROOT / "benchmarks" / "REPORT.md")
    ap.add_argument("--no-report", action="store_true")
    a = ap.parse_args()
    rows = []
    for layout in a.layouts.split(","):
        for n in (int(x) for x in a.sizes.split(",")):
            r = run(n, layout, check=a.check)
            rows.append(r)
            print(f"{layout} n={n}: {r['cpu_ms']:.2f} CPU ms/mention, {r['wall_ms']:.2f} wall, "
                  f"peak {r['peak_mb']:.0f} MB" + (f", {r['wrong']} ids differ from scratch" if check_on(r) else ""),
                  file=sys.stderr, flush=True)
    lines = [f"### merge ({time.strftime('%Y-%m-%d %H:%M')} UTC, SQLiteStore, batches of 100 articles)", "",
             ("| layout | mentions | articles (days) | largest block | events | CPU s | CPU ms / mention | CPU ratio "
              "| wall ms / mention | wall ratio | peak traced MB | max RSS MB | ids differing from scratch |"),
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    base: dict[str, dict] = {}
    for r in rows:
        b = base.setdefault(r["layout"], r)
        lines.append(f"| {r['layout']} | {r['n']:,} | {r['articles']:,} ({r['days']:,}) | {r['biggest_block']:,} | "
                     f"{r['events']:,} | {r['cpu']:.1f} | {r['cpu_ms']:.2f} | {r['cpu_ms'] / b['cpu_ms']:.2f}x | "
                     f"{r['wall_ms']:.2f} | {r['wall_ms'] / b['wall_ms']:.2f}x | {r['peak_mb']:.0f} | "
                     f"{r['rss_mb']:.0f} | {'-' if r['wrong'] is None else r['wrong']} |")
    table = "\n".join(lines) + "\n"
    print(table)
    if not a.no_report:
        with a.report.open("a", encoding="utf-8") as f:
            f.write("\n" + table)


def check_on(r: dict) -> bool:
    return r["wrong"] is not None


if __name__ == "__main__":
    main()
