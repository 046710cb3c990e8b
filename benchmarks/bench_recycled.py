"""Benchmark and calibration of the recycled-paragraph stage (``newsledger.stages.recycled``).

``python benchmarks/bench_recycled.py [--sizes 1000,10000,100000]``
                                                     scaling: cost per article of ``recycled.update``
                                                     at 1,000 / 10,000 (default) / 100,000 articles,
                                                     as ratios against the 1,000 baseline of the same
                                                     run, plus memory (max RSS, database size;
                                                     --trace-memory adds tracemalloc's peak, at a
                                                     cost in speed); appends a table to
                                                     benchmarks/REPORT.md.
``python benchmarks/bench_recycled.py --calibrate`` the labelled sample the thresholds were chosen on
                                                     (see the stage's docstring) and the sweep.

The generated corpus: a bigram (Markov) model trained on the shared seed and dev articles writes
new paragraphs, so unrelated paragraphs share the stock phrases real news shares; each article
holds 6-12 paragraphs, about 30% of them taken from an article of the previous ~300 (the window
news recycles background from), half of those lightly edited (Turkey/Türkiye, defence/defense, a
word changed, quotes); 2% of the articles are syndicated copies of a recent one. Articles arrive
in batches of 500 in publication order, with 5% held back and delivered late in a later batch
(older articles arriving late, which relabels younger ones).
"""
from __future__ import annotations

import argparse
import contextlib
import dataclasses
import gc
import itertools
import json
import random
import re
import resource
import sys
import tempfile
import time
import tracemalloc
from collections import Counter, defaultdict
from datetime import date, timedelta
from pathlib import Path

from newsledger.config import RecycledSettings
from newsledger.model import Document, Paragraph
from newsledger.stages import recycled
from newsledger.store.base import Candidate
from newsledger.store.memory import MemoryStore

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
BLANK = re.compile(r"\n[ \t\r]*\n")


# -- real text ----------------------------------------------------------------------------
def real_articles(shared: Path) -> list[tuple[str, list[str], set[str]]]:
    """(doc_id, paragraphs, openings the gold calls recycled) of the seed and dev articles."""
    out = []
    for p in sorted((shared / "corpus").rglob("*.txt")):
        paras = [x.strip() for x in BLANK.split(p.read_text(encoding="utf-8")) if x.strip()]
        g = shared / "gold" / f"{p.stem}.json"
        gold = set(json.loads(g.read_text(encoding="utf-8")).get("recycled_paragraphs") or []) if g.exists() \
            else set()
        out.append((p.stem, paras, gold))
    return out


def _swap(text: str, rng: random.Random) -> str:
    for a, b in (("Türkiye", "Turkey"), ("Turkiye", "Türkiye"), ("Turkey", "Türkiye")):
        if a in text:
            return text.replace(a, b)
    return text


VARIANTS = {
    "turkey_turkiye": _swap,
    "defence_defense": lambda t, r: t.replace("efence", "efense") if "efence" in t else t.replace("efense", "efence"),
    "quotes": lambda t, r: (t.replace('"', "") if '"' in t else
                            t.replace("'", "’") if "'" in t else "“" + t + "”"),
}


def _change_words(text: str, rng: random.Random, n: int, vocab: list[str]) -> str:
    words = text.split(" ")
    idx = [i for i, w in enumerate(words) if len(w) > 3 and w.isalpha()]
    for i in rng.sample(idx, min(n, len(idx))):
        words[i] = rng.choice(vocab)
    return " ".join(words)


def _insert(text: str, rng: random.Random) -> str:
    words = text.split(" ")
    i = rng.randrange(1, len(words)) if len(words) > 1 else 1
    return " ".join(words[:i] + [rng.choice(["also", "reportedly", "2020,", "on Monday", "in Baku"])] + words[i:])


def calibrate(shared: Path, settings: RecycledSettings, seed: int = 7) -> None:
    rng = random.Random(seed)
    fp = recycled.fingerprinter(settings)
    arts = real_articles(shared)
    pool: list[tuple[str, str]] = []
    for doc_id, paras, gold in arts:
        for t in paras:
            if len(t) >= settings.min_paragraph_chars and not any(recycled.normalise_words(t[:len(g) + 5])[:6]
                                                                  == recycled.normalise_words(g)[:6] for g in gold):
                pool.append((doc_id, t))
    # one copy of each distinct paragraph (the same paragraph can open two gold files' lists)
    seen, uniq = set(), []
    for d, t in pool:
        k = " ".join(recycled.normalise_words(t))
        if k not in seen:
            seen.add(k)
            uniq.append((d, t))
    vocab = sorted({w for _, t in uniq for w in t.split() if w.isalpha() and len(w) > 3})

    def pr(text: str):
        words = recycled.normalise_words(text)
        sig = fp.signature(words)
        return words, sig, set(fp.band_keys(sig)), " ".join(words)

    def judge(a, b):
        exact_j = len(recycled.shingles(a[0]) & recycled.shingles(b[0])) / len(recycled.shingles(a[0])
                                                                             | recycled.shingles(b[0]))
        if a[3] == b[3]:
            return exact_j, 1.0, True
        cand = len(a[2] & b[2]) >= settings.min_shared_bands
        est = recycled.estimated_similarity(a[1].tobytes(), b[1].tobytes())
        return exact_j, est, cand

    prints = [pr(t) for _, t in uniq]
    pos: list[tuple[str, float, float, bool]] = []
    edits = dict(VARIANTS)
    edits["one_word"] = lambda t, r: _change_words(t, r, 1, vocab)
    edits["two_words"] = lambda t, r: _change_words(t, r, 2, vocab)
    edits["insert_phrase"] = _insert
    for (_, t), a in zip(uniq, prints, strict=True):
        for name, f in edits.items():
            v = f(t, rng)
            if v != t:
                pos.append((name, *judge(a, pr(v))))
    # the real seed pair (004 repeats 001's paragraph reworded at its start)
    real = {d: ps for d, ps, _ in arts}
    if "004_02d9999218a401c2" in real:
        a = next(p for p in real["001_d092715e432a7403"] if p.startswith("Turkey and Russia"))
        b = next(p for p in real["004_02d9999218a401c2"] if p.startswith("Along with Russia"))
        pos.append(("seed_004_001", *judge(pr(a), pr(b))))
    neg = []
    for i in range(len(uniq)):
        for j in range(i + 1, len(uniq)):
            if uniq[i][0] != uniq[j][0]:
                neg.append((uniq[i][1][:60], uniq[j][1][:60], *judge(prints[i], prints[j])))
    print(f"sample: {len(uniq)} distinct real paragraphs, {len(pos)} same-paragraph pairs, "
          f"{len(neg)} unrelated pairs (settings: num_perm={settings.num_perm}, bands={settings.bands})")
    print("recall = share of same-paragraph pairs accepted; unrelated = unrelated pairs accepted; "
          "'stage' uses the LSH candidates and the estimated similarity (what the stage does), "
          "'exact' the true Jaccard similarity of the shingle sets (no estimation noise)")
    print(f"{'threshold':>9} {'recall':>7} {'unrelated':>9} {'recall':>7} {'unrelated':>9}   "
          f"stage recall by edit")
    print(f"{'':>9} {'stage':>7} {'stage':>9} {'exact':>7} {'exact':>9}")
    for th in (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.8):
        ok = [c and e >= th for _, _, e, c in pos]
        fa = sum(c and e >= th for *_, _, e, c in neg)
        ok_x = sum(j >= th for _, j, _, _ in pos) / len(pos)
        fa_x = sum(j >= th for *_, j, _, _ in neg)
        by = defaultdict(list)
        for (name, _, e, c), k in zip(pos, ok, strict=True):
            by[name].append(k)
        detail = " ".join(f"{n}={sum(v) / len(v):.2f}" for n, v in sorted(by.items()))
        print(f"{th:>9.2f} {sum(ok) / len(ok):>7.3f} {fa:>9d} {ok_x:>7.3f} {fa_x:>9d}   {detail}")
    neg.sort(key=lambda x: -x[3])
    print("hardest unrelated pairs (exact J, estimated):")
    for a, b, j, e, c in neg[:4]:
        print(f"  {j:.2f} {e:.2f} cand={c}  {a!r} | {b!r}")
    seed_pair = [x for x in pos if x[0] == "seed_004_001"]
    if seed_pair:
        print(f"seed 004/001 pair: exact J {seed_pair[0][1]:.2f}, estimated {seed_pair[0][2]:.2f}")
    worst = sorted((x for x in pos if x[0] in ("one_word", "two_words")), key=lambda x: x[2])[:3]
    print("lowest edited copies (edit, exact J, estimated):", [(n, round(j, 2), round(e, 2)) for n, j, e, _ in worst])


# -- scaling --------------------------------------------------------------------------------
class Bigram:
    def __init__(self, texts: list[str], seed: int) -> None:
        self.rng = random.Random(seed)
        self.next: dict[str, list[str]] = defaultdict(list)
        self.starts = []
        for t in texts:
            words = t.split()
            if len(words) > 5:
                self.starts.append(words[0])
                for a, b in itertools.pairwise(words):
                    self.next[a].append(b)

    def paragraph(self) -> str:
        w, out = self.rng.choice(self.starts), []
        n = self.rng.randint(20, 70)
        while len(out) < n:
            out.append(w)
            w = self.rng.choice(self.next.get(w) or self.starts)
        return " ".join(out)


def generate(n: int, shared: Path, seed: int = 1) -> list[Document]:
    rng = random.Random(seed)
    texts = [p for _, ps, _ in real_articles(shared) for p in ps] if shared.is_dir() else \
        ["Azerbaijan and Turkey held joint military drills near Baku on Monday, the Defence Ministry said."] * 10
    model = Bigram(texts, seed)
    vocab = sorted({w for t in texts for w in t.split() if w.isalpha() and len(w) > 3})
    docs: list[list[str]] = []
    start = date(2015, 1, 1)
    out = []
    for i in range(n):
        if docs and rng.random() < 0.02:
            paras = list(docs[rng.randrange(max(0, len(docs) - 300), len(docs))])
            paras = [_swap(p, rng) if rng.random() < 0.3 else p for p in paras]
        else:
            paras = []
            for _ in range(rng.randint(6, 12)):
                if docs and rng.random() < 0.3:
                    src = docs[rng.randrange(max(0, len(docs) - 300), len(docs))]
                    p = rng.choice(src)
                    if rng.random() < 0.5:
                        p = rng.choice([_swap, lambda t, r: _change_words(t, r, 1, vocab), _insert])(p, rng)
                    paras.append(p)
                else:
                    paras.append(model.paragraph())
            if rng.random() < 0.5:
                paras.insert(0, f"By {rng.choice(['Staff', 'Vafa Ismayilova', 'Reuters'])}")
        docs.append(paras)
        text = "\n\n".join(paras)
        doc = Document(doc_id=f"gen{i:07d}", text=text, published=(start + timedelta(days=i // 20)).isoformat())
        pos = 0
        for p in paras:
            doc.paragraphs.append(Paragraph(pos, pos + len(p)))
            pos += len(p) + 2
        out.append(doc)
    return out


def open_bench_store(path: Path):
    """SQLiteStore when the backend is there, else an indexed in-memory store.

    MemoryStore's candidate lookup scans every fingerprint (it is the reference, not a fast
    backend), which would measure the store, not the stage; the fallback adds the two
    dictionaries a real backend's indexes stand for."""
    try:
        from newsledger.store.sqlite import SQLiteStore

        return SQLiteStore(str(path))
    except Exception as e:  # noqa: BLE001 - any failure: fall back and say so
        print(f"(SQLiteStore unavailable: {e!r}; using indexed MemoryStore)", file=sys.stderr)
        return IndexedMemoryStore()


class IndexedMemoryStore(MemoryStore):
    backend = "memory+index"

    def __init__(self) -> None:
        super().__init__()
        self._by_key: dict[str, set[str]] = defaultdict(set)

    def transaction(self):
        # MemoryStore snapshots its whole state per transaction (a deep copy): right for a
        # reference backend, but it would make this benchmark measure copying
        return contextlib.nullcontext()

    def put_prints(self, doc_id, order_key, prints):
        for p in self._prints.get(doc_id, []):
            for k in (p.exact, *p.bands):
                self._by_key[k].discard(doc_id)
        prints = list(prints)
        super().put_prints(doc_id, order_key, prints)
        for p in prints:
            for k in (p.exact, *p.bands):
                self._by_key[k].add(doc_id)

    def candidates(self, exact, bands, *, min_shared=1):
        ex, bs = set(exact), set(bands)
        docs = set().union(*(self._by_key.get(k, ()) for k in ex | bs)) if ex | bs else set()
        return [Candidate(p.doc_id, p.index, p.exact, p.signature, p.length, self._order[d])
                for d in sorted(docs) for p in self._prints.get(d, [])
                if p.exact in ex or len(bs.intersection(p.bands)) >= min_shared]


def run_scale(n: int, shared: Path, settings: RecycledSettings, batch: int = 500,
              trace_memory: bool = False) -> dict:
    docs = generate(n, shared)
    rng = random.Random(n)
    late = {d.doc_id for d in docs if rng.random() < 0.05}
    order = [d for d in docs if d.doc_id not in late]
    held = [d for d in docs if d.doc_id in late]
    batches = [order[i:i + batch] for i in range(0, len(order), batch)]
    for j, d in enumerate(held):        # each late article arrives 1-4 batches after its time
        k = min(len(batches) - 1, int(d.doc_id[3:]) // batch + 1 + j % 4)
        batches[k].append(d)
    with tempfile.TemporaryDirectory() as tmp:
        store = open_bench_store(Path(tmp) / "bench.db")
        gc.collect()
        if trace_memory:    # tracemalloc hooks every Python allocation: it slows the stage itself
            tracemalloc.start()
        spent, cpu, relabelled = 0.0, 0.0, 0
        per_batch: list[tuple[int, float]] = []     # (articles, CPU seconds) of each batch
        for i, b in enumerate(batches, 1):
            if n >= 10_000 and i % 10 == 0:     # long runs: show progress, the running and the recent cost
                done = sum(len(x) for x in batches[:i - 1])
                recent = per_batch[-9:]
                print(f"  n={n}: {done:,} articles, {1000 * cpu / max(1, done):.2f} CPU ms/article so far, "
                      f"{1000 * sum(c for _, c in recent) / sum(k for k, _ in recent):.2f} over the last "
                      f"{sum(k for k, _ in recent):,}", file=sys.stderr, flush=True)
            with store.transaction():
                for d in b:
                    store.put_document(d)
            ids = [d.doc_id for d in b]
            t0, c0 = time.perf_counter(), time.process_time()
            with store.transaction():
                changed = recycled.update(store, ids, settings)
            spent += time.perf_counter() - t0
            cpu += time.process_time() - c0
            per_batch.append((len(b), time.process_time() - c0))
            relabelled += len(set(changed) - set(ids))
        peak = tracemalloc.get_traced_memory()[1] if trace_memory else None
        tracemalloc.stop()
        db_mb = sum(f.stat().st_size for f in Path(tmp).iterdir()) / 2**20
        stats = store.stats()
        backend = store.backend
        store.close()
    tail, k = [], 0        # the last tenth of the articles: the marginal cost at this size
    for m, c in reversed(per_batch):
        if k >= n / 10:
            break
        tail.append(c)
        k += m
    return {"n": n, "seconds": spent, "per_article_ms": 1000 * spent / n, "cpu_ms": 1000 * cpu / n,
            "tail_cpu_ms": 1000 * sum(tail) / k,
            "peak_mb": None if peak is None else peak / 2**20, "db_mb": db_mb,
            "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "recycled_share": stats["recycled_paragraphs"] / max(1, stats["paragraphs"]),
            "relabelled_older": relabelled, "backend": backend}


def count_candidates(n: int, shared: Path, settings: RecycledSettings, every: int = 2000) -> None:
    """Chance LSH candidates per article as the archive grows: other paragraphs sharing
    ``min_shared_bands`` band keys with the article's paragraphs (what the store returns) but
    estimated less similar than the threshold to all of them, against true matches. In-memory
    band index, same corpus and settings as run_scale."""
    fp = recycled.fingerprinter(settings)
    index: dict[int, list[tuple[str, int]]] = defaultdict(list)
    sigs: dict[tuple[str, int], bytes] = {}
    window: list[tuple[int, int]] = []
    for k, d in enumerate(generate(n, shared), 1):
        prints = fp.prints(d)
        shared_keys = Counter(o for b in {b for p in prints for b in p.bands} for o in index.get(b, ()))
        cands = {o for o, c in shared_keys.items() if c >= settings.min_shared_bands}
        chance = sum(1 for o in cands if max(recycled.estimated_similarity(p.signature, sigs[o])
                                             for p in prints) < settings.jaccard_threshold)
        window.append((chance, len(cands) - chance))
        for p in prints:
            sigs[(d.doc_id, p.index)] = p.signature
            for b in p.bands:
                index[b].append((d.doc_id, p.index))
        if k % every == 0:
            print(f"articles {k - every + 1:,}-{k:,}: {sum(c for c, _ in window) / len(window):.1f} chance "
                  f"candidates per article, {sum(m for _, m in window) / len(window):.1f} matching", flush=True)
            window = []


def _mb(v: float | None) -> str:
    return "-" if v is None else f"{v:.0f}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--calibrate", action="store_true")
    ap.add_argument("--shared", type=Path, default=SHARED)
    # 100,000 articles take about an hour of the stage alone on a 2-core laptop (measured cost per
    # article x 100k), too long for `make bench`: ask for it with --sizes 1000,10000,100000
    ap.add_argument("--sizes", default="1000,10000", help="comma-separated corpus sizes; the first is "
                    "the baseline of the ratios")
    ap.add_argument("--report", type=Path, default=ROOT / "benchmarks" / "REPORT.md")
    ap.add_argument("--no-report", action="store_true")
    ap.add_argument("--trace-memory", action="store_true", help="peak Python allocations (tracemalloc; "
                    "slows the stage, so long runs leave it off and report max RSS and database size)")
    ap.add_argument("--candidates", type=int, metavar="N", help="count chance LSH candidates per article "
                    "over N generated articles (no store, no timing) and exit")
    ap.add_argument("--num-perm", type=int, help="override RecycledSettings.num_perm")
    ap.add_argument("--bands", type=int, help="override RecycledSettings.bands")
    ap.add_argument("--min-shared", type=int, help="override RecycledSettings.min_shared_bands")
    a = ap.parse_args()
    settings = RecycledSettings()
    if a.num_perm or a.bands or a.min_shared:
        settings = dataclasses.replace(settings, num_perm=a.num_perm or settings.num_perm,
                                       bands=a.bands or settings.bands,
                                       min_shared_bands=a.min_shared or settings.min_shared_bands)
    if a.calibrate:
        calibrate(a.shared, settings)
        return
    if a.candidates:
        count_candidates(a.candidates, a.shared, settings)
        return
    rows = []
    for n in (int(x) for x in a.sizes.split(",")):
        r = run_scale(n, a.shared, settings, trace_memory=a.trace_memory)
        rows.append(r)
        print(f"n={n}: {r['per_article_ms']:.2f} ms/article wall, {r['cpu_ms']:.2f} CPU "
              f"({r['tail_cpu_ms']:.2f} over the last tenth), "
              f"peak {_mb(r['peak_mb'])} MB, database {r['db_mb']:.0f} MB", file=sys.stderr, flush=True)
    base, base_cpu = rows[0]["per_article_ms"], rows[0]["cpu_ms"]
    lines = [(f"### recycled paragraphs ({time.strftime('%Y-%m-%d %H:%M')} UTC, backend {rows[0]['backend']}, "
              f"{settings})"), "",
             ("| articles | stage s (wall) | wall ms / article | wall ratio | CPU ms / article | CPU ratio "
              "| CPU ms / article, last tenth | its ratio "
              "| recycled share | older relabelled | peak traced MB | max RSS MB | database MB |"),
             "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        lines.append(f"| {r['n']:,} | {r['seconds']:.1f} | {r['per_article_ms']:.2f} | "
                     f"{r['per_article_ms'] / base:.2f}x | {r['cpu_ms']:.2f} | {r['cpu_ms'] / base_cpu:.2f}x | "
                     f"{r['tail_cpu_ms']:.2f} | {r['tail_cpu_ms'] / base_cpu:.2f}x | "
                     f"{r['recycled_share']:.1%} | {r['relabelled_older']:,} | "
                     f"{_mb(r['peak_mb'])} | {r['rss_mb']:.0f} | {r['db_mb']:.0f} |")
    table = "\n".join(lines) + "\n"
    print(table)
    if not a.no_report:
        with a.report.open("a", encoding="utf-8") as f:
            f.write("\n" + table)


if __name__ == "__main__":
    main()
