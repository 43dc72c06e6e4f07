#!/usr/bin/env bash
# The main job, on a fresh machine: build the provider, install it into a
# local filesystem mirror, start a local EventBridge emulator, and drive
# terraform through the whole story on the registry examples:
# init, validate, plan, apply, no-op plan, import into a fresh state, update,
# destroy (see run_story below).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "Building the provider (release)"
cargo build --release --quiet
version="$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)"

step "Installing the emulator (moto) and terraform into target/"
bash scripts/install-moto.sh
bash scripts/install-terraform.sh
tf="${TERRAFORM:-$root/target/terraform/terraform}"

demo="$root/target/demo"
rm -rf "$demo"
mirror="$demo/mirror"
platform="$mirror/registry.terraform.io/eventbridge-rs/eventbridge/$version/linux_amd64"
mkdir -p "$platform" "$demo/work" "$demo/imported"
cp target/release/terraform-provider-eventbridge "$platform/terraform-provider-eventbridge_v$version"
cat > "$demo/cli.tfrc" <<TFRC
provider_installation {
  filesystem_mirror {
    path    = "$mirror"
    include = ["registry.terraform.io/eventbridge-rs/*"]
  }
  direct {
    exclude = ["registry.terraform.io/eventbridge-rs/*"]
  }
}
TFRC

step "Starting the EventBridge emulator"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
emulator_cmd="${EVB_EMULATOR_CMD:-$(cat target/emulator-cmd)}"
# Word splitting is intended: the command may be `env PYTHONPATH=... python3 -m moto.server`.
# shellcheck disable=SC2086
$emulator_cmd -H 127.0.0.1 -p "$port" > "$demo/moto.log" 2>&1 &
moto_pid=$!
trap 'kill $moto_pid 2>/dev/null || true' EXIT
ready=""
for _ in $(seq 1 300); do
  if curl -sf -o /dev/null "http://127.0.0.1:$port/moto-api/data.json"; then ready=1; break; fi
  kill -0 "$moto_pid" 2>/dev/null || break
  sleep 0.05
done
if [ -z "$ready" ]; then
  echo "the emulator did not start; its log ($demo/moto.log):" >&2
  cat "$demo/moto.log" >&2
  exit 1
fi
echo "emulator on http://127.0.0.1:$port (log: $demo/moto.log)"

export TF_CLI_CONFIG_FILE="$demo/cli.tfrc" CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1
export AWS_ENDPOINT_URL_EVENTBRIDGE="http://127.0.0.1:$port" AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_REGION=us-east-1
export TF_EVENTBRIDGE_POLL_INTERVAL=200ms
unset TF_LOG TF_LOG_PROVIDER AWS_PROFILE

examples="$root/examples"
cp "$examples/provider/provider.tf" "$examples"/resources/eventbridge_connection/*.tf "$demo/work/"
cp "$examples/provider/provider.tf" "$examples/resources/eventbridge_connection/api_key.tf" "$demo/imported/"

run() { (cd "$1" && shift && echo "\$ terraform $*" && "$tf" "$@"); }

cd "$demo/work"
step "terraform init (from the local mirror)"
run . init -input=false -no-color
step "terraform validate"
run . validate -no-color
step "terraform plan: four connections to create"
run . plan -input=false -no-color

# The rest of the story, after init / validate / plan: apply, a no-op plan,
# import into a fresh state, an update in place, destroy.
run_story() {
  step "terraform apply: four connections (API key, basic, OAuth, invocation parameters)"
  run . apply -auto-approve -input=false -no-color
  step "terraform plan: nothing to change"
  run . plan -detailed-exitcode -input=false -no-color

  step "terraform import into a fresh state (only the secrets are left to set)"
  run "$demo/imported" init -input=false -no-color > /dev/null
  run "$demo/imported" import -input=false -no-color eventbridge_connection.api_key crm-api-key
  run "$demo/imported" plan -input=false -no-color || true
  run "$demo/imported" state rm -no-color eventbridge_connection.api_key

  step "Update in place: a new description"
  sed -i 's/CRM webhook, authorized with an API key/CRM webhook (updated by the demo)/' api_key.tf
  run . apply -auto-approve -input=false -no-color
  run . plan -detailed-exitcode -input=false -no-color

  step "terraform destroy"
  run . destroy -auto-approve -input=false -no-color
  left="$(curl -s "http://127.0.0.1:$port/" -H 'Content-Type: application/x-amz-json-1.1' \
    -H 'X-Amz-Target: AWSEvents.ListConnections' \
    -H "Authorization: AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/events/aws4_request, SignedHeaders=host, Signature=0" \
    -d '{}')"
  echo "connections left in the emulator: $left"
}

run_story
step "Demo complete"
