#!/usr/bin/env bash
# Install the Dutch spaCy pipeline nl_core_news_sm for spaCy 3.4, in this order:
#   1. SPACY_MODEL_WHEEL (a path or URL to a wheel), when set: a deployment can pin the official one;
#   2. the offline copy in ../shared/models/ (a stand-in without NER; see its README);
#   3. the official release nl_core_news_sm-3.4.0 from GitHub (needs internet).
# Stops with a message naming all sources when none works.
set -euo pipefail
. "$(dirname "$0")/env.sh"
OFFICIAL="https://github.com/explosion/spacy-models/releases/download/nl_core_news_sm-3.4.0/nl_core_news_sm-3.4.0-py3-none-any.whl"
LOCAL="$(ls "$ROOT"/../shared/models/nl_core_news_sm-3.4.*.whl 2>/dev/null | head -1 || true)"
installed() { "$VENV/bin/python" -c 'import importlib.metadata as m; print(m.version("nl_core_news_sm"))' 2>/dev/null; }
want_source="${SPACY_MODEL_WHEEL:-}"
stamp="$VENV/.spacy-model-source"
if [ -n "$(installed || true)" ] && [ "$(cat "$stamp" 2>/dev/null || true)" = "${want_source:-auto}" ]; then
  exit 0
fi
try() {
  echo "==> installing nl_core_news_sm from $1"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps --force-reinstall "$1"
}
if [ -n "$want_source" ]; then
  try "$want_source" || { echo "ERROR: could not install SPACY_MODEL_WHEEL=$want_source" >&2; exit 1; }
elif [ -n "$LOCAL" ] && try "$LOCAL"; then :
elif try "$OFFICIAL"; then :
else
  cat >&2 <<MSG
ERROR: could not install the Dutch spaCy pipeline nl_core_news_sm (for spaCy 3.4).
Tried: the offline copy in ../shared/models/ (${LOCAL:-not present})
  and: the official release $OFFICIAL
Set SPACY_MODEL_WHEEL to a path or URL of an nl_core_news_sm 3.4.x wheel and run again.
MSG
  exit 1
fi
echo "${want_source:-auto}" > "$stamp"
echo "    installed nl_core_news_sm $(installed)"
