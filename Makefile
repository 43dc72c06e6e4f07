# The two quick-start commands are `make demo` and `make test`.
VERSION := $(shell sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
PLUGIN_DIR := $(HOME)/.terraform.d/plugins/registry.terraform.io/eventbridge-rs/eventbridge/$(VERSION)/linux_amd64

.PHONY: build test demo install lint docs bench release

build:
	cargo build

test:
	bash scripts/test.sh

demo:
	bash scripts/demo.sh

install:
	cargo build --release
	mkdir -p "$(PLUGIN_DIR)"
	cp target/release/terraform-provider-eventbridge "$(PLUGIN_DIR)/terraform-provider-eventbridge_v$(VERSION)"
	@echo "installed into $(PLUGIN_DIR)"

lint:
	cargo fmt --all -- --check
	cargo clippy --all-targets -- -D warnings

docs:
	cargo run --quiet -- docs docs

release:
	cargo build --release
	bash scripts/package.sh target/release/terraform-provider-eventbridge target/release-artifacts $(VERSION)

bench:
	cargo build --release
	cargo bench --bench provider
