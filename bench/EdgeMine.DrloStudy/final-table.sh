#!/bin/bash
# The final table of docs/drlo.md (issue 13's targets): the default DRLO (shared) at N = 5, 10, 100, 1000 and beta 0.5,
# 0.8, 5 training seeds x 10,000 slots, 20 evaluation runs x 1,000 slots; then the branching head (the default before
# issue 13) at N = 5, 10, 100 for comparison. One training process at a time. Extra arguments go to every invocation,
# e.g. a config override and another CSV:
#   bash bench/EdgeMine.DrloStudy/final-table.sh --set usage_privacy_form=withheld --csv docs/drlo-study-withheld.csv
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet build bench/EdgeMine.DrloStudy -c Release -v q -nologo >/dev/null
study=bench/EdgeMine.DrloStudy/bin/Release/net10.0/EdgeMine.DrloStudy
csv=docs/drlo-study.csv
for arg in "$@"; do [[ "$arg" == --csv ]] && csv=""; done
extra=("$@"); [[ -n "$csv" ]] && extra+=(--csv "$csv")
for beta in 0.5 0.8; do
  for n in 5 10 100 1000; do
    "$study" --miners "$n" --beta "$beta" --seeds 5 --slots 10000 --runs 20 --variant default --label default "${extra[@]}"
  done
done
for beta in 0.5 0.8; do
  for n in 5 10 100; do
    "$study" --miners "$n" --beta "$beta" --seeds 5 --slots 10000 --runs 20 --variant branching --label branching "${extra[@]}"
  done
done
