#!/usr/bin/env bash
# Does a model the trainer exported load outside gitlore? Trains a TINY model on this repository's own sources (the
# tokenizer stage's builder, as the tests do), exports it as the trainer does, writes DJL's logits of two full-context
# rows, then reads the exported config.json + model.safetensors with the independent plain-PyTorch GPT-2 of
# gpt2_reference.py and prints the largest logit difference (exit 1 above 1e-4).
# Usage: bench/reference/exported_model_check.sh [steps]
# Needs Debian's python3-torch for /usr/bin/python3 (apt-get install -y python3-torch).
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
steps="${1:-60}"
source "$here/bench/common.sh"
build_test_classpath trainer-service
work="$(mktemp -d)"
(cd "$here/trainer-service" && "$JAVA" $JAVA_FLAGS -Dai.djl.offline=true \
  -DDJL_CACHE_DIR="$here/trainer-service/target/djl-cache" -Djava.awt.headless=true \
  -cp "$CP" io.gitlore.trainer.bench.ExportedLogits "$work" "$steps" 2>&1 | grep -v "^WARNING" | grep -v " INFO ")
/usr/bin/python3 "$here/bench/reference/gpt2_reference.py" --load "$work/model" "$work/djl-logits.json"
