#!/usr/bin/env bash
# Mutation score of the parse, escaping, writer and sidecar code ([tool.mutmut] in pyproject.toml).
# Installs mutmut into .venv on first use, runs every mutant against the tests that cover it,
# and prints the share killed. About 45 minutes on 2 cores. `mutmut browse` shows survivors.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-venv.sh
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-mutation.txt
rm -rf mutants
export HYPOTHESIS_EXAMPLES="${HYPOTHESIS_EXAMPLES:-20}"  # property tests: fewer examples per mutant
.venv/bin/mutmut run --max-children "$(nproc)" > mutants.log 2>&1 || true
.venv/bin/mutmut export-cicd-stats > /dev/null
.venv/bin/python - <<'PY'
import json
stats = json.load(open("mutants/mutmut-cicd-stats.json"))
tested = stats["total"] - stats.get("skipped", 0)
killed = stats["killed"] + stats.get("timeout", 0)
print(f"mutants: {stats['total']}; killed {stats['killed']}, timed out {stats.get('timeout', 0)}, "
      f"survived {stats['survived']}, not covered by a test {stats.get('no_tests', 0)}, "
      f"suspicious {stats.get('suspicious', 0)}, skipped {stats.get('skipped', 0)}")
print(f"mutation score: {killed / tested:.1%} of {tested} mutants killed")
PY
