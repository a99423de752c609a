# Two commands do everything on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
READY  := $(VENV)/.ready

.PHONY: demo test setup system-deps lint lock clean bench

demo: $(READY)
	$(BIN)/aktstykke build specs -o output

test: $(READY)
	$(BIN)/python -m pytest -q

lint: $(READY)
	$(BIN)/ruff check aktstykker_gen tests

setup: $(READY)

# How fast `aktstykke check` answers, and that it imports no renderer; how long `aktstykke build`
# takes for 100 specs, from scratch and unchanged (both write benchmarks/results.md).
bench: $(READY)
	$(BIN)/python benchmarks/check_speed.py
	$(BIN)/python benchmarks/batch_build.py

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
