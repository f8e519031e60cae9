#!/usr/bin/env bash
# `terraform init` for a root module of this repository that also works offline: when the
# Terraform registry answers, it runs a plain init (and leaves your CLI config alone); when it
# does not, it installs the providers from a local filesystem mirror (the folder that holds
# registry.terraform.io/). terraform/ is a module without a provider; its roots are
# terraform/examples/complete (AWS) and terraform/examples/local (moto), and the member role's
# terraform/modules/member-role/examples/stackset and .../per-account.
#   scripts/terraform-init.sh [extra terraform init args...]
# Environment:
#   TF_MODULE_DIR     root module to initialise (default: terraform/examples/complete)
#   TF_PLUGIN_MIRROR  mirror root; default: the first of /opt/tf-plugins, ~/.terraform.d/plugins,
#                     /usr/share/terraform/plugins that holds registry.terraform.io/
#   TF_OFFLINE=1      skip the registry probe and use the mirror
# TF_DATA_DIR is honoured as usual (the tests keep .terraform/ in a temp directory with it).
set -euo pipefail
repo_root="$(cd "$(dirname "$0")/.." && pwd)"
module_dir="${TF_MODULE_DIR:-$repo_root/terraform/examples/complete}"

registry_answers() {
  curl -s -o /dev/null --max-time 3 --fail https://registry.terraform.io/.well-known/terraform.json
}

if [ "${TF_OFFLINE:-}" != "1" ] && registry_answers; then
  exec terraform -chdir="$module_dir" init -input=false "$@"
fi

mirror="${TF_PLUGIN_MIRROR:-}"
if [ -z "$mirror" ]; then
  for candidate in /opt/tf-plugins "$HOME/.terraform.d/plugins" /usr/share/terraform/plugins; do
    if [ -d "$candidate/registry.terraform.io" ]; then mirror="$candidate"; break; fi
  done
fi
if [ -z "$mirror" ] || [ ! -d "$mirror/registry.terraform.io" ]; then
  echo "terraform-init: the registry is unreachable and no provider mirror was found;" >&2
  echo "set TF_PLUGIN_MIRROR to the folder that holds registry.terraform.io/" >&2
  exit 1
fi

cli_config="$(mktemp "${TMPDIR:-/tmp}/terraform-cli.XXXXXX.tfrc")"
trap 'rm -f "$cli_config"' EXIT
cat >"$cli_config" <<CONFIG
provider_installation {
  filesystem_mirror {
    path = "$mirror"
  }
}
CONFIG
echo "terraform-init: registry unreachable, installing providers from $mirror" >&2
TF_CLI_CONFIG_FILE="$cli_config" terraform -chdir="$module_dir" init -input=false "$@"
