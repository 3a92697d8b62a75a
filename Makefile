# Thin wrappers around dev.py, which needs only Python 3.11+ (it builds .venv itself).
PY ?= python3

.PHONY: simulate demo test lint format install clean
simulate: ; $(PY) dev.py simulate
demo:    ; $(PY) dev.py demo
test:    ; $(PY) dev.py test
lint:    ; $(PY) dev.py lint
format:  ; $(PY) dev.py format
install: ; $(PY) -c "import dev; dev.ensure_venv()"
clean:   ; rm -rf .venv build dist site *.egg-info .pytest_cache .ruff_cache .hypothesis
