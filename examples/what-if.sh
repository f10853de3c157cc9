#!/usr/bin/env bash
# What-if questions answered from the command line, one line each.
set -euo pipefail

echo "At what markup would Japan's FY2020 budget come to the \$8B asked in 2019?"
hostcost solve --target '$8B' --for markup -f json |
  python3 -c 'import decimal, json, sys; d = json.load(sys.stdin, parse_float=decimal.Decimal); print("  cost plus %.2f%%" % (d["value"] * 100))'

echo "Where does the host payment cross the \$1.9B baseline as the yen moves from 100 to 160?"
hostcost sweep --vary rate=100:160:5 -f tsv |
  awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
              { above = ($col["vs_baseline_ratio"] >= 1) }
              NR > 2 && above != was { printf "  between %s and %s yen per dollar\n", last, $col["value"] }
              { was = above; last = $col["value"] }'

echo "Guam relocation against the FY2020 budget, host payment in dollars:"
hostcost compare fy2020 examples/guam-relocation.toml -f tsv |
  awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
              { printf "  %-30s %16s %17s\n", $col["input"], $col["host_USD"], $col["host_vs_first_USD"] }'
