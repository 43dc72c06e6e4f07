# Start with `make demo` (the provider at work against a local EventBridge
# emulator) and `make test` (every test). `make help` lists the rest.
VERSION := $(shell sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
PLATFORM := $(shell bash scripts/platform.sh)
PROVIDER_ADDRESS := $(shell bash scripts/provider-address.sh)
PLUGIN_DIR := $(HOME)/.terraform.d/plugins/$(PROVIDER_ADDRESS)/$(VERSION)/$(PLATFORM)

.PHONY: help build fmt lint test testacc tools demo install docs bench release

help:
	@echo "make demo      build, install into a local mirror, start the emulator, run terraform on examples/"
	@echo "make test      every test tier, installing moto and terraform into target/ first (what CI runs)"
	@echo "make testacc   TF_ACC=1 cargo test \$$TESTARGS with the tools installed, e.g."
	@echo "               make testacc TESTARGS='--test e2e resource_example_lifecycle'"
	@echo "make tools     install moto and terraform into target/ (make test and make bench do)"
	@echo "make install   release build into ~/.terraform.d/plugins/.../$(PLATFORM), for your own configurations"
	@echo "make build     debug build"
	@echo "make fmt       cargo fmt"
	@echo "make lint      rustfmt check and clippy, warnings as errors"
	@echo "make docs      render docs/ from the schemas and examples/"
	@echo "make bench     figures into bench/RESULTS.md (installs the tools first)"
	@echo "make release   registry package (zip, manifest, SHA256SUMS) in target/release-artifacts"

build:
	cargo build

fmt:
	cargo fmt --all

lint:
	cargo fmt --all -- --check
	cargo clippy --all-targets -- -D warnings

test:
	bash scripts/test.sh

testacc: tools
	TF_ACC=1 cargo test $(TESTARGS)

tools:
	bash scripts/install-moto.sh
	bash scripts/install-terraform.sh

demo:
	bash scripts/demo.sh

install:
	cargo build --release
	mkdir -p "$(PLUGIN_DIR)"
	cp target/release/terraform-provider-eventbridge "$(PLUGIN_DIR)/terraform-provider-eventbridge_v$(VERSION)"
	@echo "installed into $(PLUGIN_DIR)"
	@echo "terraform init finds it there unless your CLI configuration has a provider_installation block (README: Using it)"

docs:
	cargo run --quiet -p xtask -- docs docs

bench: tools
	cargo build --release
	cargo bench --bench provider

release:
	cargo build --release
	bash scripts/package.sh target/release/terraform-provider-eventbridge target/release-artifacts $(VERSION) $(PLATFORM)
