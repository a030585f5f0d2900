#!/usr/bin/env bash
# The planner's table of docs/sequential.md ("The planner"): in every scenario of examples/sequential at N = 1, 5 and 10,
# DRLO's default and its planner variant, each trained 20,000 slots on seeds 1-5 (`train --seeds 5`), then one
# `edgemine evaluate --json` of both against the per-slot optimum, the lookahead and (N = 1) the MDP optimum on
# evaluate's default runs (20 x 1,000 slots of seed 1000) into DIR (default docs/sequential-run/planner), then the rows
# (planner_table.py). Resumable: a finished model directory or JSON is kept. Models go to MODELS (default
# artifacts/planner-models, not committed).
set -euo pipefail
cd "$(dirname "$0")/../.."
out="${1:-docs/sequential-run/planner}"
models="${MODELS:-artifacts/planner-models}"
mkdir -p "$out" "$models"
dotnet build src/EdgeMine.Cli -c Release -v q -nologo >/dev/null
edgemine="dotnet src/EdgeMine.Cli/bin/Release/net10.0/edgemine.dll"

cell() { # scenario, miners, tasks, policies
  local scenario="$1" miners="$2" tasks="$3" policies="$4" name="$1-n$2-m$3"
  local shape=(--config "examples/sequential/$scenario.json" --miners "$miners" --tasks "$tasks" --beta 0.5)
  local evaluated=()
  for variant in default planner; do
    local dir="$models/$name-$variant"
    if [[ ! -s "$dir/seeds.json" ]]; then
      local start=$SECONDS
      $edgemine train "${shape[@]}" --algo drlo --variant "$variant" --slots 20000 --seed 1 --seeds 5 --out "$dir" >/dev/null 2>&1
      echo "$name $variant: trained 5 seeds in $((SECONDS - start)) s" | tee -a "$out/times.txt"
    fi
    for seed in 1 2 3 4 5; do evaluated+=(--model "$dir/seed-$seed"); done
  done
  if [[ ! -s "$out/$name.json" ]]; then
    $edgemine evaluate "${shape[@]}" "${evaluated[@]}" --policy "$policies" --json >"$out/$name.json.tmp" 2>/dev/null
    mv "$out/$name.json.tmp" "$out/$name.json"
  fi
}

for scenario in paper-literal buffering congested-mec; do
  case $scenario in paper-literal) single=12; tasks=2 ;; buffering) single=2; tasks=2 ;; *) single=1; tasks=1 ;; esac
  cell "$scenario" 1 "$single" optimal,lookahead,mdp-optimal
  cell "$scenario" 5 "$tasks" optimal,lookahead
  cell "$scenario" 10 "$tasks" optimal,lookahead
done

/usr/bin/python3 bench/EdgeMine.SequentialStudy/planner_table.py "$out"
