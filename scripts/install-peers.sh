#!/usr/bin/env bash
# Installs the Debian packages of the real peers the tests and benchmarks run against, if missing.
# --best-effort (npm's pretest): where nothing can be installed (no apt-get, no root or sudo), say
# so and go on; the tests that need a missing peer then skip loudly (or fail under CI=true).
set -euo pipefail
best_effort=false
[ "${1:-}" = "--best-effort" ] && best_effort=true
packages=(prometheus prometheus-node-exporter victoria-metrics mosquitto-clients bsdutils prometheus-alertmanager nmap snmpd snmp openssl chromium)
missing=()
for package in "${packages[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "peers: all installed (${packages[*]})"
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if sudo -n true 2>/dev/null; then SUDO="sudo"; else SUDO="none"; fi
fi
if ! command -v apt-get >/dev/null || [ "$SUDO" = "none" ]; then
  echo "peers: cannot install ${missing[*]} here (needs apt-get and root); their tests will skip" >&2
  $best_effort && exit 0
  exit 1
fi
echo "peers: installing ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "peers: installed"
