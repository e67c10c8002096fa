#!/usr/bin/env bash
# Creates the Python environment for models/ (the .venv at the repo root, or $VENV) and installs
# models/requirements.txt into it. Idempotent: when every pinned version is already there it only
# checks them (about a second). Records how long a real install took in $VENV/genanchor-setup.json,
# which models/lm/evaluate.py quotes in its report.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
venv="${VENV:-$root/.venv}"
python="${PYTHON:-python3}"
requirements="$root/models/requirements.txt"
start_ns=$(date +%s%N)
elapsed_s() { echo $(( ($(date +%s%N) - start_ns) / 1000000000 )); }
elapsed_ms() { echo $(( ($(date +%s%N) - start_ns) / 1000000 )); }

if [ ! -x "$venv/bin/python" ]; then
  echo "creating $venv"
  "$python" -m venv "$venv"
fi

# Exit 0 when every 'name==version' line is installed at that version.
pinned_ok() {
  "$venv/bin/python" - "$requirements" <<'PY'
import sys, importlib.metadata as md
for line in open(sys.argv[1]):
    line = line.split("#")[0].strip()
    if not line:
        continue
    name, version = line.split("==")
    try:
        if md.version(name).split("+")[0] != version:
            sys.exit(1)
    except md.PackageNotFoundError:
        sys.exit(1)
PY
}

if pinned_ok; then
  echo "models/requirements.txt already installed in $venv"
else
  "$venv/bin/pip" install --disable-pip-version-check -r "$requirements"
  disk=$(du -sm "$venv" | cut -f1)
  printf '{"seconds": %s, "disk_mb": %s, "date": "%s"}\n' "$(elapsed_s)" "$disk" "$(date -u +%FT%TZ)" \
    > "$venv/genanchor-setup.json"
fi
echo "setup took $(elapsed_ms) ms"
