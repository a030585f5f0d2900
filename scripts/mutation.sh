#!/usr/bin/env bash
# Mutation testing with Stryker.NET (issue 16; docs/testing.md): plants small bugs (mutants) in one library folder at a
# time and runs the tests that mirror that folder against each; a mutant no test fails on "survives".
#
#   scripts/mutation.sh                     # every folder of docs/testing.md's table, one after another
#   scripts/mutation.sh Model Claims        # some folders
#   scripts/mutation.sh --since main IO     # only the files changed since main (a quick check before a merge)
#   scripts/mutation.sh Neural              # any other folder of src/EdgeMine.Core works the same way
#
# Options: --since REF (only mutants in files changed since REF; the figures are then partial), --concurrency N
# (parallel test sessions, default 2), --break-at P (exit 1 when a folder scores below P percent, default 0).
# Each folder's HTML and JSON reports go to artifacts/mutation/FOLDER/reports/; artifacts/mutation/summary.md gives every
# folder's score and the overall score over the folders in it (the tool's formula: killed + timeout over every mutant
# tested or not covered; compile errors and ignored mutants left out).
#
# Why a folder is scored by its own tests: Stryker compiles every mutant of the project into one assembly and, to find
# which tests cover which mutant, records each mutant's hits under a lock while the tests run once. Tests that run the
# slot physics millions of times (the optimum's randomised equivalence checks) would take hours like that, so each
# folder runs the tests that mirror it (tests/<Project>.Tests/<Folder>, by namespace) without the [Trait("Category",
# "Slow")] ones. Needs the .NET SDK (the tool comes from .config/dotnet-tools.json) and python3 for the summary.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

since="" concurrency=2 break_at=0 folders=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --since) since=${2:?--since needs a git revision}; shift 2 ;;
    --since=*) since=${1#--since=}; shift ;;
    --concurrency) concurrency=${2:?--concurrency needs a number}; shift 2 ;;
    --break-at) break_at=${2:?--break-at needs a percentage}; shift 2 ;;
    -h | --help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "mutation.sh: unknown option $1; allowed: --since REF, --concurrency N, --break-at P, FOLDER..." >&2; exit 2 ;;
    *) folders+=("$1"); shift ;;
  esac
done

# The folders issue 16 scores, in the order of docs/testing.md.
default_folders=(Model Policies Learning Simulation IO Privacy Claims)
if [[ ${#folders[@]} -eq 0 ]]; then folders=("${default_folders[@]}"); fi

# project directory, test project, files to mutate, tests to run (a dotnet test filter) for one folder.
plan() {
  local folder=$1 slow='Category!=Slow'
  case "$folder" in
    Privacy)
      echo "src/EdgeMine.Privacy|tests/EdgeMine.Privacy.Tests/EdgeMine.Privacy.Tests.csproj|**/*.cs|$slow" ;;
    Claims)
      echo "src/EdgeMine.Reproduction|tests/EdgeMine.Reproduction.Tests/EdgeMine.Reproduction.Tests.csproj|Claims/**/*.cs|FullyQualifiedName~EdgeMine.Tests.Claims.&$slow" ;;
    *)
      if [[ ! -d src/EdgeMine.Core/$folder ]]; then
        echo "mutation.sh: no folder src/EdgeMine.Core/$folder; allowed: Privacy, Claims or a folder of src/EdgeMine.Core ($(ls src/EdgeMine.Core | grep -v '\.' | tr '\n' ' '))" >&2
        return 2
      fi
      echo "src/EdgeMine.Core|tests/EdgeMine.Core.Tests/EdgeMine.Core.Tests.csproj|$folder/**/*.cs|FullyQualifiedName~EdgeMine.Tests.$folder.&$slow" ;;
  esac
}

for folder in "${folders[@]}"; do plan "$folder" >/dev/null || exit 2; done

dotnet tool restore >/dev/null
mkdir -p artifacts/mutation
status=0
for folder in "${folders[@]}"; do
  IFS='|' read -r project tests mutate filter <<<"$(plan "$folder")"
  out="$root/artifacts/mutation/$folder"
  rm -rf "$out"
  args=(--project "$(basename "$project").csproj" --test-project "$root/$tests" --mutate "$mutate"
    --test-case-filter "$filter" --configuration Release --concurrency "$concurrency"
    --reporter Html --reporter Json --reporter Progress --output "$out" --skip-version-check
    --threshold-high 85 --threshold-low 70 --break-at "$break_at")
  if [[ -n "$since" ]]; then args+=("--since:$since"); fi
  echo "== $folder: $project, $mutate, tests: $filter${since:+, since $since}"
  start=$(date +%s)
  (cd "$project" && dotnet dotnet-stryker "${args[@]}") || status=1
  echo "$folder $(( $(date +%s) - start ))" >>"$root/artifacts/mutation/times.txt"
done

python3 scripts/mutation-summary.py artifacts/mutation "${folders[@]}" | tee artifacts/mutation/summary.md
exit "$status"
