#!/usr/bin/env bash
# Check a draft briefing's figures (briefing-claims.txt) at the baseline's own rate: every
# claim, its two sides in dollars and yen, the difference, and whether it holds. One figure is
# wrong, so hostcost exits 1; the script prints the claims that failed, with their line numbers.
set -uo pipefail
results=$(mktemp)
trap 'rm -f "$results"' EXIT
hostcost check --file "$(dirname "$0")/briefing-claims.txt" -f tsv > "$results"
status=$?
awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
            $col["holds"] == "false" { printf "line %s fails: %s (off by %s%%)\n", $col["line"], $col["claim"], $col["difference_percent"] }' \
  "$results"
echo "hostcost check exited $status"
