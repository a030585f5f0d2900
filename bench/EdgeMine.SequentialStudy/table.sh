#!/usr/bin/env bash
# The references table of docs/sequential.md: one `edgemine evaluate --json` per scenario and N into DIR (default
# docs/sequential-run), then the markdown rows (bench/EdgeMine.SequentialStudy table). Every cell is the command below
# with its own --config, --miners, --tasks and --policy; 10 runs x 4000 slots of evaluate's seed 1000.
set -euo pipefail
cd "$(dirname "$0")/../.."
out="${1:-docs/sequential-run}"
mkdir -p "$out"
dotnet build src/EdgeMine.Cli -c Release -v q -nologo >/dev/null
dotnet build bench/EdgeMine.SequentialStudy -c Release -v q -nologo >/dev/null
edgemine="dotnet src/EdgeMine.Cli/bin/Release/net10.0/edgemine.dll"
common=(--runs 10 --slots 4000 --json)

cells=()
cell() { # name, config, miners, tasks, beta, policies
  local name="$1" config="$2" miners="$3" tasks="$4" beta="$5" policies="$6"
  cells+=("$out/$name.json")
  if [[ -s "$out/$name.json" ]]; then return; fi # resumable: a finished cell is kept
  local start=$SECONDS
  $edgemine evaluate --config "examples/sequential/$config.json" --miners "$miners" --tasks "$tasks" --beta "$beta" \
    --policy "$policies" "${common[@]}" >"$out/$name.json.tmp" 2>/dev/null
  mv "$out/$name.json.tmp" "$out/$name.json"
  echo "$name: $((SECONDS - start)) s" | tee -a "$out/times.txt"
}

all=no,eo,go,random,optimal,lookahead
cell paper-literal-n1-m2 paper-literal 1 2 0.5 "$all,mdp-optimal,upper-bound"
cell paper-literal-n1-m12 paper-literal 1 12 0.5 "$all,mdp-optimal,upper-bound"
cell paper-literal-n5-m2 paper-literal 5 2 0.5 "$all,upper-bound"
cell paper-literal-n10-m2 paper-literal 10 2 0.5 "$all,upper-bound"
cell paper-literal-n10-m2-beta0.8 paper-literal 10 2 0.8 "$all,upper-bound"
cell paper-literal-n100-m2 paper-literal 100 2 0.5 "$all,upper-bound"
cell buffering-n1-m2 buffering 1 2 0.5 "$all,mdp-optimal"
cell buffering-n5-m2 buffering 5 2 0.5 "$all"
cell buffering-n10-m2 buffering 10 2 0.5 "$all"
cell buffering-n100-m2 buffering 100 2 0.5 "$all"
cell congested-mec-n1-m1 congested-mec 1 1 0.5 "$all,mdp-optimal,upper-bound"
cell congested-mec-n5-m1 congested-mec 5 1 0.5 "$all,upper-bound"
cell congested-mec-n10-m1 congested-mec 10 1 0.5 "$all,upper-bound"
cell congested-mec-n100-m1 congested-mec 100 1 0.5 "$all,upper-bound"

dotnet bench/EdgeMine.SequentialStudy/bin/Release/net10.0/EdgeMine.SequentialStudy.dll table "${cells[@]}"
