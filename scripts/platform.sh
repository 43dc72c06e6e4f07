#!/usr/bin/env bash
# Prints this machine's platform as Terraform names it in provider packages
# and plugin directories: linux_amd64, linux_arm64, darwin_arm64, ...
set -euo pipefail
os="$(uname -s | tr '[:upper:]' '[:lower:]')"
case "$(uname -m)" in
  x86_64 | amd64) arch=amd64 ;;
  aarch64 | arm64) arch=arm64 ;;
  i386 | i686) arch=386 ;;
  armv*) arch=arm ;;
  *) arch="$(uname -m)" ;;
esac
echo "${os}_${arch}"
