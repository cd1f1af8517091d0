#!/usr/bin/env bash
# Install the Debian/Ubuntu packages the handbook needs, only when they are missing.
#   scripts/system-deps.sh build   python3-venv (to make the virtual environment)
#   scripts/system-deps.sh test    the above, plus chromium and fonts-noto-cjk (browser and print tests),
#                                  nodejs/npm (axe-core, puppeteer-core), firefox-esr, webkit2gtk-driver,
#                                  libgl1-mesa-dri and xvfb (the three-engine smoke suite), default-jre-headless
#                                  (the Nu Html Checker), libreoffice-writer-nogui (opens the Word files)
set -euo pipefail

want=()
if ! python3 -c 'import ensurepip, venv' 2>/dev/null; then
  want+=(python3-venv)
fi
if [ "${1:-build}" = test ]; then
  [ -x /usr/bin/chromium ] || want+=(chromium)
  # grep reads the whole list: with -q it would stop early and fc-list's SIGPIPE fail the pipeline
  fc-list 2>/dev/null | grep -i 'Noto Sans CJK JP' >/dev/null || want+=(fonts-noto-cjk)
  command -v npm >/dev/null || want+=(nodejs npm)  # axe-core for the accessibility tests
  [ -x /usr/bin/firefox-esr ] || want+=(firefox-esr)  # driven by puppeteer-core over WebDriver BiDi
  [ -x /usr/bin/WebKitWebDriver ] || want+=(webkit2gtk-driver)  # WebKitGTK, driven by selenium
  # Mesa's drivers are only recommended by WebKitGTK, yet without them it opens no window on Xvfb
  if command -v dpkg >/dev/null && ! dpkg -s libgl1-mesa-dri >/dev/null 2>&1; then want+=(libgl1-mesa-dri); fi
  command -v Xvfb >/dev/null || want+=(xvfb)  # WebKitGTK needs a display
  command -v java >/dev/null || want+=(default-jre-headless)  # before npm ci: vnu-jar fetches a JRE without one
  command -v soffice >/dev/null || want+=(libreoffice-writer-nogui)  # reads the Word files back (test_documents)
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
