"""Benchmark of the SQLite store: what ingest, search and the recycled-text lookups cost as it grows.

``python benchmarks/bench_store.py [--docs 20000]`` builds a throwaway ledger in a temp folder
from generated articles (paragraphs drawn from examples/corpus, shuffled, each article with
~50 entities and ~8 event mentions of annotations, as a real one has), one transaction per
article as ``Ledger.ingest`` writes them, then measures:

- put_document: articles stored per second, one transaction each (WAL, synchronous=NORMAL);
- index writes: fingerprints (12 paragraphs x 32 band keys) and mention rows per second, in
  one transaction per batch of 500 as the corpus stages write them;
- search: median and 95th-percentile latency of two-word queries;
- candidates: latency of a lookup with one article's exact hashes and band keys against
  every stored fingerprint, and how many prints it returns (the generated articles recycle their
  paragraphs from a small pool, so this is far more than real news returns: a worst case);
- the database size per article.

Prints a Markdown table. Nothing here is tuned by it; it shows the costs grow slowly.
"""
from __future__ import annotations

import argparse
import hashlib
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsledger.model import Document, Entity, EventMention, Paragraph
from newsledger.store.base import MentionRow, ParagraphPrint
from newsledger.store.sqlite import SQLiteStore

BANDS = 32


def paragraphs() -> list[str]:
    out = []
    for f in sorted((ROOT / "examples" / "corpus").glob("*.txt")):
        out += [p.strip() for p in f.read_text("utf-8").split("\n\n") if len(p.strip()) > 80]
    return out or ["Azerbaijani and Turkish troops held joint drills near Baku on Monday, the ministry said."]


def article(i: int, pool: list[str], rng: random.Random) -> Document:
    paras = rng.sample(pool, k=min(len(pool), rng.randint(6, 12)))
    text = "\n\n".join(paras) + f"\n\nReport {i}."
    doc = Document(f"bench-{i:06d}", text, published=f"20{10 + i % 14:02d}-{1 + i % 12:02d}-{1 + i % 28:02d}")
    pos = 0
    for p in text.split("\n\n"):
        doc.paragraphs.append(Paragraph(pos, pos + len(p)))
        pos += len(p) + 2
    doc.entities = [Entity(j, j + 5, text[j:j + 5], "person", f"name {j}", "AZE") for j in range(0, 50 * 40, 40)
                    if j + 5 < len(text)]
    doc.events = [EventMention("CONSULT", "meet", "occurred", ["AZE", "TUR"], p.start, p.end)
                  for p in doc.paragraphs[:8]]
    return doc


def prints_of(doc: Document) -> list[ParagraphPrint]:
    out = []
    for k, p in enumerate(doc.paragraphs):
        h = hashlib.sha1(doc.text[p.start:p.end].encode()).hexdigest()
        out.append(ParagraphPrint(doc.doc_id, k, h[:16], tuple(f"{b}:{h[b % 40:b % 40 + 8]}" for b in range(BANDS)),
                                  bytes(4 * 96), p.end - p.start))
    return out


def pct(xs: list[float], q: float) -> float:
    return sorted(xs)[min(len(xs) - 1, int(q * len(xs)))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=5000)
    args = ap.parse_args()
    rng, pool = random.Random(7), paragraphs()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        store = SQLiteStore(db)
        docs = [article(i, pool, rng) for i in range(args.docs)]
        t0 = time.perf_counter()
        for d in docs:
            with store.transaction():
                store.put_document(d)
        put_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        for start in range(0, len(docs), 500):
            with store.transaction():
                for d in docs[start:start + 500]:
                    store.put_prints(d.doc_id, f"{d.published}|{d.doc_id}", prints_of(d))
                    store.put_mentions(d.doc_id, [MentionRow(d.doc_id, k, f"AZE-TUR|CONSULT|{d.published[:7]}",
                                                             d.published, d.published)
                                                  for k in range(len(d.events))])
        index_s = time.perf_counter() - t0
        words = [w for p in pool for w in p.split() if w.isalpha() and len(w) > 4]
        lat = []
        for _ in range(200):
            q = " ".join(rng.sample(words, 2))
            t = time.perf_counter()
            store.search(q, 20)
            lat.append((time.perf_counter() - t) * 1000)
        cand, found = [], []
        for d in rng.sample(docs, 100):
            ps = prints_of(d)
            t = time.perf_counter()
            found.append(len(store.candidates([p.exact for p in ps], [b for p in ps for b in p.bands])))
            cand.append((time.perf_counter() - t) * 1000)
        store.close()
        size = sum(f.stat().st_size for f in Path(tmp).iterdir())
    print(f"| articles | put_document/s | index writes, articles/s | search p50 / p95 ms | "
          f"candidates p50 / p95 ms | prints returned (median) | KB per article |\n"
          f"|---|---|---|---|---|---|---|\n"
          f"| {args.docs} | {args.docs / put_s:.0f} | {args.docs / index_s:.0f} | "
          f"{statistics.median(lat):.2f} / {pct(lat, 0.95):.2f} | {statistics.median(cand):.1f} / "
          f"{pct(cand, 0.95):.1f} | {statistics.median(found):.0f} | {size / 1024 / args.docs:.1f} |")


if __name__ == "__main__":
    main()
