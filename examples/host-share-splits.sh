#!/usr/bin/env bash
# Who pays what under four splits of Japan's FY2020 budget (¥199.3B), in dollars, with the
# host payment as a ratio of the $1.9B baseline. awk finds the columns by their header names
# and prints the figures as they come: exact decimals, no floating point in between.
set -euo pipefail
hostcost scenario --host-share 100 --host-share 90 --host-share 75 --host-share 50 -f tsv |
  awk -F'\t' -v OFS='\t' 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; print "name", "host_USD", "us_USD", "ratio"; next }
              { print $col["name"], $col["host_USD"], $col["us_USD"], $col["vs_baseline_ratio"] }'
