# Two entry points for a fresh machine (see README):
#   make run   - set up, fetch the corpus, ingest it and start the app
#   make test  - set up, ingest the mirror, run the eval gate and the test suite (what CI runs)

PYTHON  ?= python3
VENV    ?= .venv
BIN     := $(VENV)/bin
MIRROR  ?= $(or $(RUJUKAN_MIRROR),../shared/corpus)
PORT    ?= 8501

# Debian packages: OCR for scanned documents, Chromium for the browser tests,
# poppler for rendering PDFs to images in tests.
SYSTEM_PACKAGES := tesseract-ocr tesseract-ocr-ind chromium poppler-utils

.PHONY: setup system-deps run ingest app test bench eval clean

$(BIN)/rujukan: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

setup: $(BIN)/rujukan

# Installs only what is missing; skipped (with a note) where apt-get cannot run.
system-deps:
	@missing=""; for p in $(SYSTEM_PACKAGES); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "installing:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	else echo "note: missing Debian packages:$$missing (OCR and browser tests will be skipped)"; fi

ingest: setup
	$(BIN)/rujukan corpus fetch --mirror $(MIRROR)
	$(BIN)/rujukan ingest

app: setup
	$(BIN)/streamlit run app.py --server.address 127.0.0.1 --server.port $(PORT) --server.headless true

run: system-deps ingest app

# The import contracts (pyproject.toml, [tool.importlinter]) are checked first: a layer importing
# upwards fails the build at once. The suite reuses one real ingest of the mirror corpus
# (RUJUKAN_TEST_DATA); the evaluation gate runs on it before pytest, so that pytest's summary is
# the last line.
TEST_DATA := build/test-data

test: system-deps setup
	$(BIN)/lint-imports
	RUJUKAN_DATA=$(TEST_DATA) $(BIN)/rujukan corpus fetch --mirror $(MIRROR)
	RUJUKAN_DATA=$(TEST_DATA) $(BIN)/rujukan ingest --no-progress
	RUJUKAN_DATA=$(TEST_DATA) RUJUKAN_REPORTS=$(TEST_DATA)/reports $(BIN)/rujukan eval --gate --no-progress
	RUJUKAN_DATA=$(TEST_DATA) RUJUKAN_REPORTS=$(TEST_DATA)/reports $(BIN)/rujukan eval --kajian --gate
	RUJUKAN_TEST_DATA=$(abspath $(TEST_DATA)) $(BIN)/python -m pytest

eval: setup
	$(BIN)/rujukan eval --gate

bench: setup
	$(BIN)/rujukan bench

clean:
	rm -rf $(VENV) data reports
