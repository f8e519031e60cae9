# ops-automation — every command a newcomer needs. `make demo` and `make test` work on a fresh clone.
SHELL := /bin/bash
.DEFAULT_GOAL := help
MOTO_PORT ?= 4566
PRICING_PORT ?= 4567
export MOTO_PORT PRICING_PORT

.PHONY: help install build typecheck test test-unit test-terraform tf-init demo local-up local-down bench clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

install: node_modules/.installed ## install dependencies (npm ci)

build: install ## bundle each Lambda into dist/<name>.zip
	npm run --silent build

typecheck: install ## tsc --noEmit, strict
	npm run --silent typecheck

test: install typecheck build ## every test layer; starts (and stops) its own local stack
	npx jest --ci

test-unit: install ## unit tests only (no emulators)
	npx jest --ci test/unit

test-terraform: install build ## terraform fmt/validate, IAM policy, apply → no-drift plan → destroy against moto
	npx jest --ci test/terraform

tf-init: ## terraform init in terraform/examples/complete, or TF_MODULE_DIR (local provider mirror when the registry is unreachable)
	scripts/terraform-init.sh

local-up: install ## start moto + the local Pricing endpoint on 127.0.0.1
	scripts/local/stack.sh up

local-down: ## stop what local-up started
	scripts/local/stack.sh down

demo: install ## seed a fleet locally, run stop/start and the cost report end to end
	npx tsx scripts/demo.ts

bench: install build ## benchmarks (not part of make test); results in bench/results/latest.json
	npx tsx bench/run.ts

clean: ## remove build output and local state
	rm -rf dist out .local
