#!/usr/bin/env bash
# Print the path of a Python 3.10 interpreter (Rasa 3.6 needs >=3.8,<3.11), or explain how to get one.
set -euo pipefail
is310() { "$1" -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 10) else 1)' 2>/dev/null; }
for candidate in "${PYTHON:-}" python3.10 python python3; do
  [ -n "$candidate" ] || continue
  path="$(command -v "$candidate" 2>/dev/null || true)"
  if [ -n "$path" ] && is310 "$path"; then echo "$path"; exit 0; fi
done
if command -v pyenv >/dev/null 2>&1; then
  for version in $(pyenv versions --bare 2>/dev/null | grep -E '^3\.10(\.|$)' | sort -V -r); do
    path="$(pyenv root)/versions/$version/bin/python"
    if is310 "$path"; then echo "$path"; exit 0; fi
  done
fi
cat >&2 <<'MSG'
Python 3.10 is required (Rasa 3.6 supports >=3.8,<3.11) and none was found.
Install it with one of:
  pyenv install 3.10      (this folder's .python-version then selects it)
  uv python install 3.10  (then: PYTHON="$(uv python find 3.10)" make run)
  apt-get install python3.10 python3.10-venv   (Debian/Ubuntu with that package)
or point PYTHON at a 3.10 interpreter: PYTHON=/path/to/python3.10 make run
MSG
exit 1
