# Two commands for a new user: `make demo` (set up + ingest the sample corpus + ask) and `make test`.
PYTHON ?= python3.11
VENV   ?= .venv
BIN    := $(VENV)/bin
CORPUS ?= ../shared/corpus
QUESTION ?= 冀州区2020年地区生产总值是多少？

.PHONY: setup demo test test-fast clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

# torch first, from the local CPU build, or pip pulls a multi-GB CUDA build.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e '.[dev]'
	$(BIN)/planqa models setup
	touch $@

setup: $(VENV)/.installed

demo: setup
	$(BIN)/planqa ingest $(CORPUS)
	$(BIN)/planqa ask "$(QUESTION)"

test: setup
	$(BIN)/python -m pytest

test-fast: setup
	$(BIN)/python -m pytest -m "not integration"

clean:
	rm -rf $(VENV) .planqa
