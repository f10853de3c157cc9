#!/usr/bin/env bash
# Many what-ifs at once: batch-cases.csv has one case a row (blank cells take the defaults:
# the FY2020 budget, 54,000 troops, 100%, the baseline's rate). hostcost batch streams one
# result row per case; sort puts the cases in order of what the host pays.
set -euo pipefail
hostcost batch "$(dirname "$0")/batch-cases.csv" |
  awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
              { print $col["host_USD"] "\t" $col["vs_baseline_ratio"] "\t" $col["name"] }' |
  sort -t$'\t' -k1,1nr
