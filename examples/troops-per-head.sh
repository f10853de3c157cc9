#!/usr/bin/env bash
# What the host pays per US troop if 9,000 Marines leave Okinawa and the costs stay as they are,
# against today's 54,000, as JSON picked apart with Python (no jq needed).
set -euo pipefail
for troops in 54000 45000; do
  hostcost scenario --troops "$troops" --host-share 100 -f json |
    python3 -c 'import json, sys; s = json.load(sys.stdin)["scenarios"][0]; print(s["troops"], s["per_troop"]["host"]["USD"], s["per_troop"]["host"]["JPY"], sep="\t")'
done
