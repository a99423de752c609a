# Two commands do everything on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
READY  := $(VENV)/.ready

.PHONY: demo test setup system-deps lint lock clean bench preview-screenshot schema fuzz

demo: $(READY)
	$(BIN)/aktstykke build specs -o output

test: $(READY)
	$(BIN)/python -m pytest -q

# The property test that drives every command with mutated inputs (tests/hostile/
# test_no_internal_error.py) at full size: 1,500 examples a property, some 11,000 cases; make test
# runs it at 150. Then pagination on every generated spec (tests/pagination_specs.py), some 50
# (make test measures 13); then LibreOffice's Accept All and Reject All on the redline of every
# pair of the revision corpus, some 190, and of the column changes of every spec's tables, some
# 60 (make test: one pair of each kind, every finansår added, two of each column change); and 200
# generated specs of own tables read back from LibreOffice's PDF export (make test: 10).
fuzz: $(READY)
	AKTSTYKKE_FUZZ=1500 $(BIN)/python -m pytest -q -s tests/hostile/test_no_internal_error.py
	AKTSTYKKE_PAGINATION=all $(BIN)/python -m pytest -q tests/test_pagination.py
	AKTSTYKKE_UNO=all $(BIN)/python -m pytest -q tests/test_redline_uno.py
	AKTSTYKKE_EGNE_TABELLER=200 $(BIN)/python -m pytest -q tests/test_import_pdf_egne_tabeller.py

# ruff over the package and tests, mypy over the package ([tool.mypy] in pyproject.toml).
lint: $(READY)
	$(BIN)/ruff check aktstykker_gen tests
	$(BIN)/mypy

setup: $(READY)

# The JSON Schema that specs name in their first line, for editors (docs/editing.md); made from
# the model, and a test fails when the committed file is stale.
schema: $(READY)
	$(BIN)/aktstykke schema > schema/aktstykke.schema.json.new
	mv schema/aktstykke.schema.json.new schema/aktstykke.schema.json

# Every benchmark in one run (benchmarks/run_all.py; each writes its section of
# benchmarks/results.md, under a summary): check and build of the seed, cold; the usual route
# (Word template + LibreOffice, so system-deps first); a warm re-render; 100 specs on all
# cores; one aktstykke of 100-800 account rows; check and build of 1,000-10,000 accounts;
# the live preview's latency (Chromium); `aktstykke redline` beside python-redlines' two engines
# on the revision corpus (the `bench` extra, installed with requirements.lock).
bench: $(READY)
	@bash scripts/system-deps.sh
	$(BIN)/python benchmarks/run_all.py

# docs/preview.png: what `aktstykke watch` shows, in headless Chromium.
preview-screenshot: $(READY)
	@bash scripts/system-deps.sh
	$(BIN)/python scripts/preview_screenshot.py

system-deps:
	@bash scripts/system-deps.sh

# The venv holds exactly the locked versions, then the package itself.
$(READY): pyproject.toml requirements.lock scripts/system-deps.sh
	@bash scripts/system-deps.sh
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install -q --disable-pip-version-check --no-deps -e .
	@touch $@

lock: $(READY)
	$(BIN)/python -m pip freeze --exclude-editable | grep -v '^aktstykker' \
	  | (sed -n '1,2p' requirements.lock; cat) > requirements.lock.new
	mv requirements.lock.new requirements.lock

clean:
	rm -rf $(VENV) output build dist
