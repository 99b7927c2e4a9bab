# One entry point for building, testing and running dyadwatch.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
DB ?= demo.duckdb

.PHONY: demo test test-slow lint format bench clean venv model

venv: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[dev,bench,build]"
	touch $@

demo: venv
	$(BIN)/dyadwatch analyze examples/pak-rus --db $(DB)
	$(BIN)/dyadwatch report PAK RUS --db $(DB) -o out/pak-rus.html
	$(BIN)/dyadwatch summary --db $(DB)

test: venv
	$(BIN)/python -m pytest

test-slow: venv
	$(BIN)/python -m pytest -m slow

# Retrain the learned models from ../shared: the coder's second opinion and the sport-story
# detector (see scripts/train_category_model.py and scripts/train_sport_model.py).
model: venv
	$(BIN)/python scripts/train_category_model.py --folds 5
	$(BIN)/python scripts/train_sport_model.py --folds 2

lint: venv
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/ruff format --check src tests benchmarks scripts
	$(BIN)/mypy

format: venv
	$(BIN)/ruff check --fix src tests benchmarks scripts
	$(BIN)/ruff format src tests benchmarks scripts

bench: venv
	$(BIN)/python benchmarks/boilerplate.py
	$(BIN)/python benchmarks/minhash.py
	$(BIN)/python benchmarks/reuse.py
	$(BIN)/python benchmarks/event_coding.py
	$(BIN)/python benchmarks/throughput.py
	$(BIN)/python benchmarks/places.py

clean:
	rm -rf $(VENV) out $(DB) .mypy_cache .ruff_cache .pytest_cache
