# Two commands: `make run` and `make test`. Everything else is a step of those two.
SHELL := /bin/bash
.DEFAULT_GOAL := help
ENV := . scripts/env.sh &&

.PHONY: help install train run start stop test lint unit validate test-stories nlu-gate bench profile clean \
	run-prod stop-prod reliability

help:
	@echo "make run    install what is missing, train if needed, start everything (Ctrl-C stops)"
	@echo "make test   the same set-up, then every test and quality gate"
	@echo "make start / make stop   run in the background"
	@echo "make run-prod / make stop-prod   production profile: PostgreSQL, Redis, nginx, 2+2 replicas"
	@echo "make reliability   fault and load scenarios against the production profile"
	@echo "make bench   benchmarks next to Rasa's starter bot (docs/benchmarks.md); make profile   where the server spends its time"

install:
	@scripts/bootstrap.sh

train: install
	@scripts/train_if_needed.sh

run: train
	@scripts/run.sh

start: train
	@scripts/run.sh --background

stop:
	@scripts/stop.sh

test: train
	@scripts/test.sh

lint: install
	@$(ENV) ruff check . && ruff format --check bot actions tests scripts

unit: install
	@$(ENV) python -m pytest -q

run-prod: train
	@scripts/run_prod.sh

stop-prod:
	@scripts/stop_prod.sh

reliability: train
	@scripts/reliability/run_all.sh

bench: install
	@$(ENV) python scripts/bench.py

profile: train
	@$(ENV) python scripts/profile_server.py

validate: install
	@$(ENV) rasa data validate --fail-on-warnings --quiet

clean:
	rm -rf results var/log var/run
