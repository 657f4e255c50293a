#!/usr/bin/env bash
# Install the Debian packages the project needs when they are missing:
#   postgresql  - server binaries for the throwaway test cluster (initdb, pg_ctl)
#   chromium    - the browser for the Playwright journeys
#   gettext     - msgfmt, to compile the translations
# Usage: scripts/ensure-system-packages.sh [postgresql] [chromium] [gettext]
set -euo pipefail

need=()
for pkg in "$@"; do
  case "$pkg" in
    postgresql) command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql) ;;
    chromium) [[ -x /usr/bin/chromium ]] || need+=(chromium) ;;
    gettext) command -v msgfmt >/dev/null 2>&1 || need+=(gettext) ;;
    *) echo "unknown package group: $pkg" >&2; exit 2 ;;
  esac
done
((${#need[@]})) || exit 0

echo "Installing Debian packages: ${need[*]}"
SUDO=""
if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "Missing packages (${need[*]}) and no root or sudo to install them. Install them with apt-get." >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}"
