#!/usr/bin/env bash
# Check a draft briefing's figures (briefing-claims.txt) at the baseline's own rate: every claim,
# its two sides, the difference, and its verdict. Three do not hold, so hostcost exits 1; the
# script prints each of them with its line, its verdict and what it should read.
set -uo pipefail
results=$(mktemp)
trap 'rm -f "$results"' EXIT
hostcost check --file "$(dirname "$0")/briefing-claims.txt" -f tsv > "$results"
status=$?
awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
            $col["holds"] == "false" { printf "line %s, %s: %s (should read %s)\n", $col["line"], $col["verdict"], $col["claim"], $col["should_read"] }' \
  "$results"
echo "hostcost check exited $status"
