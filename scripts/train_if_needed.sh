#!/usr/bin/env bash
# Train a model only when the training data, domain or config changed since the last training.
set -euo pipefail
. "$(dirname "$0")/env.sh"
cd "$ROOT"
# One training at a time: a second caller waits, then finds the model up to date.
mkdir -p models
exec 9> models/.train.lock
flock 9
# The answer model (scikit-learn, seconds) has its own fingerprint: its data, the questions,
# its reading rules and its code.
answer_fingerprint="$( (cat $(find bot/content/answers -type f -name '*.yml' | sort) bot/content/questions.yml \
  bot/content/answer_reading.yml bot/assessment/answer_*.py; python -c 'import sklearn; print(sklearn.__version__)') \
  | sha256sum | cut -d' ' -f1)"
if [ -f models/answer-model.joblib ] && [ "$(cat models/.answer-fingerprint 2>/dev/null || true)" = "$answer_fingerprint" ]; then
  echo "==> answer model is up to date"
else
  echo "==> training the answer model"
  python scripts/train_answer_model.py
  echo "$answer_fingerprint" > models/.answer-fingerprint
fi
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
