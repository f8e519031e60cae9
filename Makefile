# ops-automation — every command a newcomer needs. `make demo` and `make test` work on a fresh clone.
SHELL := /bin/bash
.DEFAULT_GOAL := help
MOTO_PORT ?= 4566
PRICING_PORT ?= 4567
export MOTO_PORT PRICING_PORT

.PHONY: help install build typecheck test test-unit test-terraform tf-init demo local-up local-down bench clean \
	needs-build needs-test needs-stack

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

# A bare machine learns what it lacks (one line each) before npm ci and the long steps run; moto
# server is found, or installed into .local/venv on first use, by scripts/local/python.sh.
needs-build:
	@scripts/local/need.sh zip
needs-test:
	@scripts/local/need.sh zip curl terraform moto
needs-stack:
	@scripts/local/need.sh curl moto

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

install: node_modules/.installed ## install dependencies (npm ci)

build: needs-build install ## bundle each Lambda into dist/<name>.zip
	npm run --silent build

typecheck: install ## tsc --noEmit, strict
	npm run --silent typecheck

test: needs-test install typecheck build ## every test layer; starts (and stops) its own local stack
	npx jest --ci

test-unit: install ## unit tests only (no emulators)
	npx jest --ci test/unit

test-terraform: needs-test install build ## terraform fmt/validate, IAM policy, apply → no-drift plan → destroy against moto
	npx jest --ci test/terraform

tf-init: ## terraform init in terraform/examples/complete, or TF_MODULE_DIR (local provider mirror when the registry is unreachable)
	scripts/terraform-init.sh

local-up: needs-stack install ## start moto + the local Pricing endpoint on 127.0.0.1
	scripts/local/stack.sh up

local-down: ## stop what local-up started
	scripts/local/stack.sh down

demo: needs-stack install ## seed a fleet locally, run stop/start and the cost report end to end
	npx tsx scripts/demo.ts

bench: needs-build needs-stack install build ## benchmarks (not part of make test); results in bench/results/latest.json
	npx tsx bench/run.ts

# The venv stays: it may have come from a package index this machine no longer reaches.
clean: ## remove build output and local state (keeps moto's .local/venv)
	rm -rf dist out $(filter-out .local/venv .local/venv.lock,$(wildcard .local/*))
