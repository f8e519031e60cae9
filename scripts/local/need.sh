#!/usr/bin/env bash
# Checks, before anything long runs, that the machine has what a make target needs; when something
# is missing it prints one line naming what to install and how, and exits 1.
#   scripts/local/need.sh [zip] [curl] [terraform] [moto]
# `moto` is not a command: scripts/local/python.sh finds moto server, or installs it into
# .local/venv the first time.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"

packages=""  # missing commands named like the package that provides them
terraform_missing=""
wants_moto=""
for tool in "$@"; do
  case "$tool" in
    moto) wants_moto=1 ;;
    terraform) command -v terraform >/dev/null || terraform_missing=1 ;;
    *) command -v "$tool" >/dev/null || packages="${packages:+$packages }$tool" ;;
  esac
done

problems=""
if [ -n "$packages" ]; then
  sudo="sudo "
  [ "$(id -u)" = 0 ] && sudo=""
  if command -v apt-get >/dev/null; then how=" (${sudo}apt-get install -y $packages)"
  elif command -v dnf >/dev/null; then how=" (${sudo}dnf install -y $packages)"
  elif command -v apk >/dev/null; then how=" (${sudo}apk add $packages)"
  elif command -v brew >/dev/null; then how=" (brew install $packages)"
  else how=""
  fi
  case "$packages" in
    *" "*) named="${packages% *} and ${packages##* }"; problems="$named are missing: install the packages $named$how" ;;
    *) problems="$packages is missing: install the $packages package$how" ;;
  esac
fi
if [ -n "$terraform_missing" ]; then
  problems="${problems:+$problems; }terraform is missing: install Terraform 1.6 or newer (https://developer.hashicorp.com/terraform/install)"
fi
if [ -n "$problems" ]; then
  echo "$problems, then run the same command again" >&2
  exit 1
fi
if [ -n "$wants_moto" ]; then "$here/python.sh" >/dev/null; fi
