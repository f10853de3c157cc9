#!/usr/bin/env bash
# The same ¥199.3B budget in dollars as the yen moves, at the 2019-2023 annual averages
# (Federal Reserve G.5A) and at 150: host pays 100%, so the dollar figure is the whole budget.
set -euo pipefail
printf 'JPY_per_USD\thost_USD\tvs_baseline_ratio\n'
for rate in 109.0188 106.7754 109.8429 131.4589 140.5001 150; do
  hostcost scenario --host-share 100 --rate "$rate" -f csv |
    python3 -c 'import csv, sys; r = next(csv.DictReader(sys.stdin)); print(r["JPY_per_USD"], r["host_USD"], r["vs_baseline_ratio"], sep="\t")'
done
