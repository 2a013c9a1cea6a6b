#!/usr/bin/env bash
# The GPU evidence (docs/gpu-runners.md#gpu-evidence): run on a GPU machine that has Python with
# PyTorch (onnxruntime and scikit-learn too, where installed) and nvidia-smi, but no Node and no
# network. In a few minutes it
#   1. captures nvidia-smi's answers to the exact queries modelship's GPU detection and utilization
#      sampling run (src/train/gpu.ts), before and, once a second, while
#   2. a PyTorch CUDA training runs as a user's train.command would (train_cuda.py, with the
#      MODELSHIP_* variables src/train/run-training.ts sets), writing model.onnx and metrics.json;
#   3. records the GPU model, driver, CUDA, torch and onnxruntime versions, and checks the exported
#      model in Python's onnxruntime against torch's own probabilities.
# Everything goes under $OUT (default $TMPDIR/gpu-evidence), laid out as test/fixtures/gpu/<name>/ wants
# it: copy the folder there and commit it. Without nvidia-smi or CUDA it still runs, on the CPU, and
# says that the result is not GPU evidence (REQUIRE_GPU=1 makes that an error instead).
#
# Settings (environment): OUT, PYTHON (default python3), MAX_SECONDS (training time, default 60),
# PARAMS (the training's MODELSHIP_PARAMS JSON), TRAIN_DATA and TEST_DATA (CSV; default the repository's
# Adult data), SAMPLE_SECONDS (default 1), REQUIRE_GPU (1: fail without a GPU).
set -euo pipefail
# No __pycache__ beside the scripts (evidence.py imports train_cuda.py): the checkout stays clean.
export PYTHONDONTWRITEBYTECODE=1

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
OUT="${OUT:-${TMPDIR:-/tmp}/gpu-evidence}"
PYTHON="${PYTHON:-python3}"
MAX_SECONDS="${MAX_SECONDS:-60}"
SAMPLE_SECONDS="${SAMPLE_SECONDS:-1}"
REQUIRE_GPU="${REQUIRE_GPU:-0}"
[ -n "${PARAMS:-}" ] || PARAMS="{\"hidden\": \"512,256\", \"batch_size\": \"1024\", \"max_seconds\": \"$MAX_SECONDS\"}"
TRAIN_DATA="${TRAIN_DATA:-$ROOT/datasets/adult/adult.data.csv.gz}"
TEST_DATA="${TEST_DATA:-$ROOT/examples/model-repo/data/test.csv}"
# The exact queries of src/train/gpu.ts (detectGpus, GpuSampler): keep them in step with it.
LIST_QUERY=(--query-gpu=index,uuid,name,memory.total,driver_version --format=csv,noheader,nounits)
SAMPLE_QUERY=(--query-gpu=index,utilization.gpu,memory.used --format=csv,noheader,nounits)

mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
SMI="$OUT/nvidia-smi"
rm -rf "$SMI" "$OUT/model"
mkdir -p "$SMI/utilization" "$OUT/model"
say() { printf 'gpu-evidence: %s\n' "$*" >&2; }

# Runs nvidia-smi ARGS… into FILE (stdout as printed), FILE.stderr when it wrote any, FILE.exit when it failed.
capture() {
  local file="$1" code=0
  shift
  nvidia-smi "$@" >"$file" 2>"$file.stderr" || code=$?
  [ -s "$file.stderr" ] || rm -f "$file.stderr"
  [ "$code" -eq 0 ] || echo "$code" >"$file.exit"
  return 0
}

GPU_REASON=""
if command -v nvidia-smi >/dev/null 2>&1; then
  capture "$SMI/gpu-list.txt" "${LIST_QUERY[@]}"
  capture "$SMI/header.txt"
  capture "$SMI/list.txt" -L
  # Not a query modelship runs: whether MIG is on, which changes what the two queries above can answer.
  capture "$SMI/mig-mode.txt" --query-gpu=index,mig.mode.current --format=csv,noheader,nounits
  [ -s "$SMI/gpu-list.txt" ] || GPU_REASON="nvidia-smi lists no GPU (see $SMI)"
else
  GPU_REASON="nvidia-smi is not on PATH"
  rmdir "$SMI/utilization" "$SMI"
fi
if [ -n "$GPU_REASON" ]; then
  say "$GPU_REASON: no GPU captures; the training runs on the CPU and this is NOT GPU evidence"
  [ "$REQUIRE_GPU" != "1" ] || { say "REQUIRE_GPU=1: stopping"; exit 1; }
fi

# Samples utilization and memory every SAMPLE_SECONDS until the file $1 exists; 0000 is taken as the
# training starts (while Python imports torch, so the GPU is still idle).
sample() {
  local stop="$1" n=0 started
  started="$(date +%s.%N)"
  while :; do
    local name
    name="$(printf '%04d' "$n")"
    capture "$SMI/utilization/$name.txt" "${SAMPLE_QUERY[@]}"
    printf '%s\t%s\n' "$name" "$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')" >>"$SMI/utilization.tsv"
    n=$((n + 1))
    [ ! -e "$stop" ] || break
    sleep "$SAMPLE_SECONDS"
  done
}

# The training, as src/train/run-training.ts and run-command.ts start a train.command.
# Relative to the repository root, where it runs, so the recorded command names no machine's paths.
COMMAND="\"$PYTHON\" scripts/gpu-evidence/train_cuda.py"
STOP="$OUT/.training-done"
rm -f "$STOP" "$SMI/utilization.tsv" 2>/dev/null || true
SAMPLER=""
if [ -z "$GPU_REASON" ]; then
  printf 'sample\tseconds\n' >"$SMI/utilization.tsv"
  sample "$STOP" &
  SAMPLER=$!
fi
say "training: $COMMAND (MODELSHIP_PARAMS=$PARAMS)"
code=0
(
  cd "$ROOT"
  export MODELSHIP_OUTPUT_DIR="$OUT/model" MODELSHIP_PARAMS="$PARAMS" MODELSHIP_SEED="${SEED:-7}" \
    MODELSHIP_TRAIN_DATA="$TRAIN_DATA" MODELSHIP_TEST_DATA="$TEST_DATA" TORCH_PREDICTIONS="$OUT/torch-predictions.txt"
  [ "$REQUIRE_GPU" != "1" ] || export TORCH_REQUIRE_CUDA=1
  bash -e -o pipefail -c "$COMMAND"
) >"$OUT/train-output.txt" 2>&1 || code=$?
touch "$STOP"
[ -z "$SAMPLER" ] || wait "$SAMPLER"
rm -f "$STOP"
cat "$OUT/train-output.txt" >&2
[ "$code" -eq 0 ] || { say "the training failed (exit $code): see $OUT/train-output.txt"; exit "$code"; }

"$PYTHON" "$HERE/evidence.py" --out "$OUT" --test-data "$TEST_DATA" --gpu-reason "$GPU_REASON" --command "$COMMAND"
# Committed fixtures name no machine's folders (npm run lint's portable check): a warning's path becomes <repository>, <out> or ~.
HOME_DIR="${HOME:-}"
[ "${#HOME_DIR}" -gt 1 ] || HOME_DIR="/nonexistent-home"
for file in "$OUT/train-output.txt" "$OUT/environment.json" "$OUT/onnxruntime-check.json"; do
  [ ! -e "$file" ] || sed -i -e "s|$ROOT|<repository>|g" -e "s|$OUT|<out>|g" -e "s|$HOME_DIR|~|g" "$file"
done
say "done: $OUT"
