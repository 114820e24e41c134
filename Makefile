# sosialsak: the two commands a stranger needs are `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
PG_URL ?= postgres://postgres@127.0.0.1:5432/sosialsak

.PHONY: run test test-sqlite test-postgres lint bench bench-scale fuzz venv clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	@rm -f $(VENV)/.installed-*; touch $(STAMP)

venv: $(STAMP)

run: venv
	@mkdir -p var
	$(BIN)/sosialsak migrate --noinput -v0
	$(BIN)/sosialsak demo --if-empty
	$(BIN)/sosialsak serve

test: lint test-sqlite test-postgres

test-sqlite: venv
	$(BIN)/pytest

# The database-backed tests again on PostgreSQL; skipped with one line when no server answers.
test-postgres: venv
	@if $(BIN)/python tests/pg_reachable.py "$(PG_URL)"; then \
		DATABASE_URL="$(PG_URL)" $(BIN)/pytest tests/integration tests/functional; \
	else \
		echo "SKIPPED PostgreSQL run: no server reachable at $(PG_URL)"; \
	fi

lint: venv
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/lint-imports

# The long schemathesis run over the whole API: many examples per operation, positive and
# negative data, all checks (make test runs a bounded pass of the same test). Override the
# size with FUZZ_EXAMPLES=n; a failure prints the request to reproduce it.
FUZZ_EXAMPLES ?= 300
fuzz: venv
	SOSIALSAK_FUZZ=full SOSIALSAK_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/pytest -m fuzz -p no:randomly tests/functional/test_api_fuzz.py

# OpenFisca-core (extra `bench`) is optional: if it does not install, its column is skipped.
# Then Digisos intake (deliveries/s) on SQLite and PostgreSQL (PG_URL; database
# sosialsak_bench_intake, dropped and created) beside jsonschema alone (issue 13).
bench: venv
	@$(BIN)/python -m pip install -q -e '.[bench]' 2>/dev/null || \
		echo "OpenFisca-core (extra bench) did not install; its column is skipped"
	$(BIN)/python bench/bench_rules.py
	PG_URL="$(PG_URL)" $(BIN)/python bench/bench_intake.py

# The pages at 1,500 and 150,000 applications in PostgreSQL (issue 13); drops and creates the
# database BENCH_DB (default sosialsak_bench) on the server of PG_URL. BENCH_SIZE=30000 for a
# shorter run.
BENCH_SIZE ?= 150000
bench-scale: venv
	PG_URL="$(PG_URL)" $(BIN)/python bench/bench_scale.py --size $(BENCH_SIZE)

clean:
	rm -rf $(VENV) var
