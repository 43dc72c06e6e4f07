# Start with `make demo` (the provider at work against a local EventBridge
# emulator) and `make test` (every test). `make help` lists the rest.
VERSION := $(shell sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
PLATFORM := $(shell bash scripts/platform.sh)
PROVIDER_ADDRESS := $(shell bash scripts/provider-address.sh)
PLUGIN_DIR := $(HOME)/.terraform.d/plugins/$(PROVIDER_ADDRESS)/$(VERSION)/$(PLATFORM)

.PHONY: help build fmt lint lint-workflows test testacc tools demo install docs bench bench-peer release

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
	@echo "make bench-peer  only the side by side with hashicorp/aws (from /opt/tf-plugins) in bench/RESULTS.md"
	@echo "make release   registry packages in target/release-artifacts: this platform's zip (Linux: glibc"
	@echo "               2.17 or later) and windows_amd64's (Debian's Rust and mingw-w64), manifest,"
	@echo "               SHA256SUMS and, with GPG_FINGERPRINT set, SHA256SUMS.sig"
	@echo "make lint-workflows  actionlint (and shellcheck) on .github/workflows, installed into target/"

build:
	cargo build

fmt:
	cargo fmt --all

lint: lint-workflows
	cargo fmt --all -- --check
	cargo clippy --all-targets -- -D warnings

lint-workflows:
	bash scripts/lint-workflows.sh

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

# The release builds: the host-linked one, the glibc 2.17 one that
# `make release` ships, and the Windows one (started under Wine), whose size
# and start the bench compares.
bench: tools
	cargo build --release
	bash scripts/build-release.sh > /dev/null
	bash scripts/build-windows.sh > /dev/null
	bash scripts/wine-prefix.sh > /dev/null
	cargo bench --bench provider

# The same configurations with hashicorp/aws and with this provider
# (benches/provider/peer.rs); skipped with one line without hashicorp/aws.
bench-peer: tools
	cargo build --release
	cargo bench --bench provider -- --peer

# Signed when GPG_FINGERPRINT names a key in gpg's keyring (scripts/checksums.sh):
# each package.sh writes SHA256SUMS anew over every zip of VERSION there.
release:
	bash scripts/build-release.sh > /dev/null
	bash scripts/package.sh "$$(bash scripts/build-release.sh --path)" target/release-artifacts $(VERSION) $(PLATFORM)
	bash scripts/build-windows.sh > /dev/null
	bash scripts/package.sh "$$(bash scripts/build-windows.sh --path)" target/release-artifacts $(VERSION) windows_amd64
