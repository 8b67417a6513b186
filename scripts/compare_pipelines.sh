#!/usr/bin/env bash
# Score candidate NLU pipelines, one line each (also into results/compare.txt).
# Usage: scripts/compare_pipelines.sh [--folds N] [config.yml docs/pipelines/*.yml]
#   default:    train on data/nlu, score on the held-out set tests/nlu
#   --folds N:  N-fold cross-validation on data/nlu, same folds for every pipeline
#               (scripts/nlu_cv.py); scores are over all test folds
# Writes results/compare/<name>/ (or results/compare-cv/<name>/).
set -euo pipefail
. "$(dirname "$0")/env.sh"
cd "$ROOT"
folds=0
if [ "${1:-}" = "--folds" ]; then folds="$2"; shift 2; fi
configs=("$@")
[ ${#configs[@]} -gt 0 ] || configs=(config.yml docs/pipelines/default.yml docs/pipelines/no_spacy.yml docs/pipelines/no_char_ngrams.yml)
base=results/compare; what="held-out"
[ "$folds" = 0 ] || { base=results/compare-cv; what="${folds}-fold CV"; }
mkdir -p "$base"
: > results/compare.txt
for config in "${configs[@]}"; do
  name="$(basename "$config" .yml)"
  out="$base/$name"
  rm -rf "$out"; mkdir -p "$out"
  start=$(date +%s)
  if [ "$folds" = 0 ]; then
    rasa train nlu --config "$config" --nlu data/nlu --out "$out" --fixed-model-name nlu --quiet > "$out/train.log" 2>&1
    rasa test nlu --nlu tests/nlu --model "$out/nlu.tar.gz" --out "$out" --quiet > "$out/test.log" 2>&1
  else
    python scripts/nlu_cv.py "$config" "$out" --folds "$folds" > "$out/cv.log" 2>&1
  fi
  seconds=$(( $(date +%s) - start ))
  python - "$out" "$name ($what)" "$seconds" <<'PY' | tee -a results/compare.txt
import json, sys
out, name, seconds = sys.argv[1], sys.argv[2], sys.argv[3]
intent = json.load(open(f"{out}/intent_report.json"))
try:
    faq = json.load(open(f"{out}/response_selection_report.json"))
    faq_acc = faq.get("accuracy", faq.get("micro avg", {}).get("f1-score"))
except FileNotFoundError:
    faq_acc = float("nan")
print(f"{name:28s} intent macro-F1 {intent['macro avg']['f1-score']:.4f}  "
      f"accuracy {intent['accuracy']:.4f}  FAQ topic accuracy {faq_acc:.4f}  {seconds} s")
PY
done
