#!/bin/sh
# Creates (once) the Python environment the pandas + XlsxWriter comparison runs in:
# .build/bench-venv under the repository root, with pandas and xlsxwriter from PyPI.
# Idempotent: a venv that already imports both is left as it is. Prints the venv's python last.
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
venv="$root/.build/bench-venv"
python="$venv/bin/python"

if [ ! -x "$python" ]; then
    echo "Tạo môi trường Python: $venv" >&2
    mkdir -p "$root/.build"
    python3 -m venv "$venv" || {
        echo "Không tạo được venv; trên Debian cài gói python3-venv (apt-get install python3-venv) rồi chạy lại." >&2
        rm -rf "$venv"
        exit 1
    }
fi

if ! "$python" -c "import pandas, xlsxwriter" 2>/dev/null; then
    echo "Cài pandas và xlsxwriter vào $venv" >&2
    "$python" -m pip install --quiet --disable-pip-version-check pandas xlsxwriter >&2
    "$python" -c "import pandas, xlsxwriter"
fi

echo "$python"
