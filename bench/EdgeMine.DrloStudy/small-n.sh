#!/bin/bash
# The candidate fixes at small N of docs/drlo.md: N = 5 (beta 0.5) and N = 10 (beta 0.8), 5 training seeds x 10,000
# slots, 20 evaluation runs, one change at a time from the default (shared) learner's defaults and from the branching head's.
# Extra arguments go to every invocation (e.g. --set key=value, --csv FILE).
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet build bench/EdgeMine.DrloStudy -c Release -v q -nologo >/dev/null
study=bench/EdgeMine.DrloStudy/bin/Release/net10.0/EdgeMine.DrloStudy
csv=docs/drlo-small-n.csv
for arg in "$@"; do [[ "$arg" == --csv ]] && csv=""; done
extra=("$@"); [[ -n "$csv" ]] && extra+=(--csv "$csv")
specs=(
  "default|"
  "default|discount=0.85"
  "default|both_actions=false"
  "default|both_actions=false discount=0.85"
  "default|shifted_counts=false"
  "default|mean_field=false value_discount=0"
  "default|mean_field=false last_offloads=true value_discount=0"
  "default|features=rank"
  "default|features=own"
  "default|updates_per_slot=4"
  "default|learning_rate=0.0003"
  "default|learning_rate_decay=10000"
  "default|hidden=128,128"
  "branching|"
  "branching|discount=0"
  "branching|updates_per_slot=4"
  "branching|learning_rate=0.001"
  "branching|learning_rate=0.0001"
  "branching|discount=0 learning_rate=0.0001"
)
for spec in "${specs[@]}"; do
  variant=${spec%%|*}; options=${spec#*|}
  args=(--variant "$variant" --label "$variant $options")
  for option in $options; do args+=(--learner "$option"); done
  "$study" --miners 5 --beta 0.5 --seeds 5 --slots 10000 --runs 20 "${args[@]}" "${extra[@]}"
  "$study" --miners 10 --beta 0.8 --seeds 5 --slots 10000 --runs 20 "${args[@]}" "${extra[@]}"
done
