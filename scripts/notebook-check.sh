#!/usr/bin/env bash
# Runs the python cells of docs/api.md's "From a Python notebook" section, in order and as written, against a
# running lrtune, with matplotlib's Agg backend; the figures land in target/notebook/. Not part of the build.
# Needs python3 with requests, pandas and matplotlib.
#
#   scripts/notebook-check.sh [http://localhost:8080]
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p target/notebook
python3 - docs/api.md target/notebook/notebook.py <<'PY'
import re, sys
readme = open(sys.argv[1], encoding="utf-8").read()
section = readme.split("\n## From a Python notebook\n", 1)[1].split("\n## ", 1)[0]
cells = re.findall(r"^```python\n(.*?)^```", section, re.S | re.M)
if not cells:
    sys.exit("no python cells in the notebook section of docs/api.md")
open(sys.argv[2], "w", encoding="utf-8").write("\n".join(cells))
print(f"{len(cells)} cells")
PY
cd target/notebook
LRTUNE_URL=${1:-http://localhost:8080} MPLBACKEND=Agg python3 notebook.py
ls -l lr-finder.png training.png
