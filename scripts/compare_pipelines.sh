#!/usr/bin/env bash
# Train the NLU of each candidate pipeline on data/ and score it on the held-out set tests/nlu.
# Usage: scripts/compare_pipelines.sh [config.yml docs/pipelines/*.yml]
# Writes results/compare/<name>/ and prints one line per pipeline (also into results/compare.txt).
set -euo pipefail
. "$(dirname "$0")/env.sh"
cd "$ROOT"
configs=("$@")
[ ${#configs[@]} -gt 0 ] || configs=(config.yml docs/pipelines/default.yml docs/pipelines/no_spacy.yml docs/pipelines/no_char_ngrams.yml)
mkdir -p results/compare
: > results/compare.txt
for config in "${configs[@]}"; do
  name="$(basename "$config" .yml)"
  out="results/compare/$name"
  rm -rf "$out"; mkdir -p "$out"
  start=$(date +%s)
  rasa train nlu --config "$config" --nlu data/nlu --out "$out" --fixed-model-name nlu --quiet > "$out/train.log" 2>&1
  seconds=$(( $(date +%s) - start ))
  rasa test nlu --nlu tests/nlu --model "$out/nlu.tar.gz" --out "$out" --quiet > "$out/test.log" 2>&1
  python - "$out" "$name" "$seconds" <<'PY' | tee -a results/compare.txt
import json, sys
out, name, seconds = sys.argv[1], sys.argv[2], sys.argv[3]
intent = json.load(open(f"{out}/intent_report.json"))
try:
    faq = json.load(open(f"{out}/response_selection_report.json"))
    faq_acc = faq.get("accuracy", faq.get("micro avg", {}).get("f1-score"))
except FileNotFoundError:
    faq_acc = float("nan")
print(f"{name:16s} intent macro-F1 {intent['macro avg']['f1-score']:.4f}  "
      f"accuracy {intent['accuracy']:.4f}  FAQ topic accuracy {faq_acc:.4f}  NLU training {seconds} s")
PY
done
