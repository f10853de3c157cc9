#!/usr/bin/env bash
# Each line of the FY2020 host-nation-support budget (Yomiuri) in dollars at the 2020 average
# rate, 106.7754 yen per dollar, one row per line of input, ready for a spreadsheet.
# Each conversion is rounded on its own, so the five lines add up to $1,866,534,801.08, a cent
# short of the whole (last row); `hostcost scenario` splits a whole by largest remainder instead.
set -euo pipefail
printf 'from_amount\tto_USD\n'
printf '%s\n' ¥128.7B ¥26.6B ¥22.3B ¥1.0B ¥20.7B 1993億円 |
  while read -r amount; do
    hostcost convert "$amount" --to USD --rate 106.7754 -f tsv | tail -n 1 | cut -f 1,3
  done
