#!/usr/bin/env bash
# The main job, on a fresh machine: build the provider, install it into a
# local filesystem mirror, start a local EventBridge emulator, and drive
# terraform through the whole story on the registry examples:
# init, validate, plan, apply, no-op plan, import into a fresh state, update,
# destroy (see run_story below); then the whole HTTP target (connection, API
# destination, rule, target: chain_story). TERRAFORM=/path/to/terraform-or-tofu runs
# another one than the Terraform 1.0.3 it installs.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

# Step headers in bold on a terminal, plain text in a log or a pipe.
if [ -t 1 ]; then
  step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
else
  step() { printf '\n== %s\n' "$*"; }
fi

step "Building the provider (release)"
cargo build --release --quiet

step "Installing the emulator (moto) and terraform into target/"
bash scripts/install-moto.sh
bash scripts/install-terraform.sh
tf="${TERRAFORM:-$root/target/terraform/terraform}"

demo="$root/target/demo"
rm -rf "$demo"
mkdir -p "$demo/work" "$demo/imported" "$demo/chain"
# The mirror in $demo/mirror and the CLI configuration that uses it, $demo/cli.tfrc.
bash scripts/local-mirror.sh target/release/terraform-provider-eventbridge "$demo"

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
export TF_VAR_crm_api_key=example-api-key-value # var.crm_api_key of resource.tf
unset TF_LOG TF_LOG_PROVIDER AWS_PROFILE

# The examples that apply against the emulator. The others need a newer
# Terraform (write-only/, migrate-from-aws/, import-by-identity.tf) or
# resources in an AWS account (kms_key_identifier.tf, connectivity.tf,
# with-aws-rule/).
examples="$root/examples/resources/eventbridge_connection"
cp "$root/examples/provider/provider.tf" "$demo/work/"
for example in resource basic oauth invocation_http_parameters timeouts region; do
  cp "$examples/$example.tf" "$demo/work/"
done
destinations="$root/examples/resources/eventbridge_api_destination"
cp "$destinations/resource.tf" "$demo/work/api_destination.tf"
cp "$destinations/region.tf" "$demo/work/api_destination_region.tf"
cp "$root/examples/provider/provider.tf" "$examples/resource.tf" "$demo/imported/"
cp "$destinations/resource.tf" "$demo/imported/api_destination.tf"
# The whole HTTP target in one file: connection, API destination, rule and
# target (its role is an IAM role's ARN, given as a variable).
cp "$root/examples/provider/provider.tf" "$root/examples/resources/eventbridge_target/resource.tf" "$demo/chain/"

run() { (cd "$1" && shift && echo "\$ terraform $*" && "$tf" "$@"); }

cd "$demo/work"
step "terraform init (from the local mirror)"
run . init -input=false -no-color
step "terraform validate"
run . validate -no-color
step "terraform plan: eight connections and two API destinations to create"
run . plan -input=false -no-color

# The rest of the story, after init / validate / plan: apply, a no-op plan,
# import into a fresh state, an update in place, destroy.
run_story() {
  step "terraform apply: eight connections (API key, basic, OAuth, invocation parameters, timeouts, another Region) and two API destinations"
  run . apply -auto-approve -input=false -no-color
  step "terraform plan: nothing to change"
  run . plan -detailed-exitcode -input=false -no-color

  step "terraform import into a fresh state (only the secrets are left to set)"
  run "$demo/imported" init -input=false -no-color > /dev/null
  run "$demo/imported" import -input=false -no-color eventbridge_connection.crm crm-api
  run "$demo/imported" import -input=false -no-color eventbridge_connection.orders orders-api
  run "$demo/imported" import -input=false -no-color eventbridge_api_destination.orders orders-webhook@us-east-1
  run "$demo/imported" plan -input=false -no-color || true
  run "$demo/imported" state rm -no-color eventbridge_connection.crm eventbridge_connection.orders eventbridge_api_destination.orders

  step "Update in place: a new description"
  sed 's/"CRM webhook"/"CRM webhook (updated by the demo)"/' resource.tf > resource.tf.new
  mv resource.tf.new resource.tf
  run . apply -auto-approve -input=false -no-color
  run . plan -detailed-exitcode -input=false -no-color

  step "terraform destroy"
  run . destroy -auto-approve -input=false -no-color
  for region in us-east-1 eu-west-1; do
    left="$(curl -s "http://127.0.0.1:$port/" -H 'Content-Type: application/x-amz-json-1.1' \
      -H 'X-Amz-Target: AWSEvents.ListConnections' \
      -H "Authorization: AWS4-HMAC-SHA256 Credential=testing/20260101/$region/events/aws4_request, SignedHeaders=host, Signature=0" \
      -d '{}')"
    echo "connections left in the emulator ($region): $left"
    left="$(curl -s "http://127.0.0.1:$port/" -H 'Content-Type: application/x-amz-json-1.1' \
      -H 'X-Amz-Target: AWSEvents.ListApiDestinations' \
      -H "Authorization: AWS4-HMAC-SHA256 Credential=testing/20260101/$region/events/aws4_request, SignedHeaders=host, Signature=0" \
      -d '{}')"
    echo "API destinations left in the emulator ($region): $left"
  done
}

# The whole HTTP target: apply, a no-op plan, the target imported again by
# RULE/TARGET_ID with nothing to change, destroy.
chain_story() {
  cd "$demo/chain"
  step "The whole HTTP target: connection, API destination, rule and target"
  run . init -input=false -no-color > /dev/null
  run . apply -auto-approve -input=false -no-color
  run . plan -detailed-exitcode -input=false -no-color
  step "The target forgotten and imported again by RULE/TARGET_ID: nothing to change"
  run . state rm -no-color eventbridge_target.orders
  run . import -input=false -no-color eventbridge_target.orders orders-placed/orders-webhook
  run . plan -detailed-exitcode -input=false -no-color
  run . destroy -auto-approve -input=false -no-color
}

run_story
chain_story
step "Demo complete"
