#!/usr/bin/env bash
# Train a model only when the training data, domain or config changed since the last training.
set -euo pipefail
. "$(dirname "$0")/env.sh"
cd "$ROOT"
# One training at a time: a second caller waits, then finds the model up to date.
mkdir -p models
exec 9> models/.train.lock
flock 9
fingerprint="$(cat config.yml domain.yml $(find data -type f -name '*.yml' | sort) nlu_components/*.py | sha256sum | cut -d' ' -f1)"
latest="$(ls -t models/*.tar.gz 2>/dev/null | head -1 || true)"
if [ -n "$latest" ] && [ "$(cat models/.fingerprint 2>/dev/null || true)" = "$fingerprint" ]; then
  echo "==> model is up to date ($latest)"
  exit 0
fi
echo "==> training (data, domain or config changed)"
start=$(date +%s)
rasa train --fixed-model-name den --out models --quiet
echo "$fingerprint" > models/.fingerprint
echo "    trained in $(( $(date +%s) - start )) s"
