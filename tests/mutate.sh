#!/usr/bin/env bash
# Mutation testing of hooks/report/ with mutmut (TESTING.md, "Mutation testing"; config: hooks/setup.cfg).
# Usage: bash tests/mutate.sh [MUTANT NAMES, e.g. "report.measures*"]   then: bash tests/mutate.sh results
# mutmut works in hooks/ (where the package `report` lives): it copies report/ into hooks/mutants/,
# which it puts first on sys.path, and runs the fast loop (-m "not browser") there in one process,
# each mutant against the tests that called the mutated function. The tests are reached through a
# link hooks/mutants/tests -> tests/ so that their ids read the same from hooks/mutants/.
set -euo pipefail
cd "$(dirname "$0")/../hooks"
export NO_MKDOCS_2_WARNING=1
mkdir -p mutants
ln -sfn ../../tests mutants/tests
if [ "${1:-}" = "results" ]; then shift; exec ../.venv/bin/mutmut results "$@"; fi
exec ../.venv/bin/mutmut run --max-children "${MUTMUT_CHILDREN:-2}" "$@"
