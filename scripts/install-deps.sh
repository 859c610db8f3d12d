#!/usr/bin/env bash
# Installs, with apt-get, everything Cầu Nối needs to build, run and test on Debian 12.
# Idempotent: packages already present are skipped quickly. Needs root (or sudo).
set -euo pipefail

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

# Build and run.
packages=(
  build-essential cmake ninja-build pkg-config git ca-certificates
  libcpp-httplib-dev libcurl4-openssl-dev libsqlite3-dev sqlite3 libicu-dev nlohmann-json3-dev
  libfmt-dev doctest-dev libssl-dev prometheus-cpp-dev libfasttext-dev libsodium-dev
  libgmime-3.0-dev libgoogle-perftools-dev
)
# Tests and benchmarks only.
if [ "${1:-}" = "--test" ]; then
  # Real servers the tests run on loopback: Kannel with its fake SMSC.
  packages+=(wrk clang-format curl python3 iproute2 kannel kannel-extras)
  # The e-mail channel's real servers: Dovecot (IMAP + LMTP), an aiosmtpd sink, swaks as a client.
  packages+=(dovecot-imapd dovecot-lmtpd python3-aiosmtpd swaks)
  # The officer inbox is tested in a real browser (playwright-core comes from npm in test.sh).
  packages+=(chromium)
  # systemd-analyze checks config/caunoi.service (systemd need not be running).
  packages+=(systemd)
  command -v npm >/dev/null || packages+=(nodejs npm)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
