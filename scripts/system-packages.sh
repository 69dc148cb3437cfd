#!/usr/bin/env bash
# Install the system packages `tox` needs beyond Python 3.11: the en_US dictionary and the enchant
# library for the spelling check, and Java 17 for the job tests if it is missing.
# Debian/Ubuntu: installs what is missing with apt-get (as root, or through sudo). Elsewhere: says
# what to install and stops. The docs build alone (README's first command) needs none of this.
set -euo pipefail

packages=(libenchant-2-2 hunspell-en-us chromium fonts-dejavu-core)
command -v java >/dev/null 2>&1 || packages+=(openjdk-17-jre-headless)
command -v git >/dev/null 2>&1 || packages+=(git)

if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
  echo "system-packages: not a Debian/Ubuntu system; install the enchant 2 library, an en_US hunspell dictionary and Java 17 with your package manager, then rerun without this script" >&2
  exit 1
fi

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ "${#missing[@]}" -eq 0 ]; then
  echo "system-packages: all present (${packages[*]})"
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1; then
  as_root=(sudo)
else
  echo "system-packages: need root or sudo to run: apt-get install ${missing[*]}" >&2
  exit 1
fi

echo "system-packages: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -q
"${as_root[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
