#!/usr/bin/env bash
# npm run models: retrain and re-export the model zoo into public/models and public/data.
# Needs Debian's python3-torch, python3-torchvision, python3-sklearn and python3-onnx, which import only
# under /usr/bin/python3; installs them with apt-get when missing and running as root. Arguments are
# passed on to zoo.py (e.g. --only digits-cnn).
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=/usr/bin/python3
PACKAGES=(python3-torch python3-torchvision python3-sklearn python3-onnx)

if ! "$PY" -c 'import torch, torchvision, sklearn, onnx' 2>/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing ${PACKAGES[*]} with apt-get"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${PACKAGES[@]}"
  else
    echo "npm run models needs ${PACKAGES[*]} (Debian packages, for $PY); install them as root and retry." >&2
    exit 1
  fi
fi

# One thread: with deterministic kernels this makes every run produce the same bits.
export OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 PYTHONHASHSEED=0
exec "$PY" scripts/models/zoo.py "$@"
