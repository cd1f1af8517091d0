#!/usr/bin/env bash
# Install the Debian/Ubuntu packages the handbook needs, only when they are missing.
#   scripts/system-deps.sh build   python3-venv (to make the virtual environment)
#   scripts/system-deps.sh test    the above, plus chromium and fonts-noto-cjk (browser and print tests)
#                                  and nodejs/npm (axe-core)
set -euo pipefail

want=()
if ! python3 -c 'import ensurepip, venv' 2>/dev/null; then
  want+=(python3-venv)
fi
if [ "${1:-build}" = test ]; then
  [ -x /usr/bin/chromium ] || want+=(chromium)
  fc-list 2>/dev/null | grep -qi 'Noto Sans CJK JP' || want+=(fonts-noto-cjk)
  command -v npm >/dev/null || want+=(nodejs npm)  # axe-core for the accessibility tests
fi
[ "${#want[@]}" -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  sudo=(sudo -n)
else
  echo "Missing system packages: ${want[*]}" >&2
  echo "Install them with: sudo apt-get install ${want[*]}" >&2
  exit 1
fi
if ! command -v apt-get >/dev/null; then
  echo "Missing system packages (${want[*]}) and no apt-get to install them." >&2
  exit 1
fi
echo "Installing system packages: ${want[*]}"
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${want[@]}" >/dev/null
