#!/usr/bin/env bash
# Mutation testing with Stryker.NET (issues 16 and 24; docs/testing.md): plants small bugs (mutants) in one library
# folder at a time and runs the tests that mirror that folder against each; a mutant no test fails on "survives".
#
#   scripts/mutation.sh                     # every folder of docs/testing.md's table, chunk by chunk
#   scripts/mutation.sh Model Claims        # some folders
#   scripts/mutation.sh Learning/Dqn/SharedDqn.cs   # one file (or several) of a folder: a quick check of new tests
#   scripts/mutation.sh --since main IO     # only the files changed since main (a quick check before a merge)
#   scripts/mutation.sh --list Learning     # the chunks a folder is split into, and which are done
#
# Options: --since REF (only mutants in files changed since REF; the figures are then partial), --concurrency N
# (parallel test sessions, default 2), --chunk-lines L (a chunk's files hold at most about L lines, default 2000),
# --fresh (forget earlier chunks' results), --break-at P (exit 1 when a folder scores below P percent, default 0).
#
# Chunks and resuming: a folder's files (sorted by path) are packed into chunks of at most --chunk-lines lines (a larger
# file is a chunk alone), and each chunk is one Stryker run with --mutate for its files. Every run builds the project
# and compiles all of its mutants before it filters them, about two minutes here, so chunks are large. A chunk's report is kept
# (artifacts/mutation/FOLDER/chunks/N/) with a stamp: the hash of its files, of the tests that mirror its folder (with
# tests/Shared and the test project file) and of Stryker's arguments. A later run skips a chunk whose stamp is unchanged, so a
# killed run resumes at the chunk it was in, and a re-run tests only the chunks whose code or tests changed. The
# chunks' reports are merged into artifacts/mutation/FOLDER/mutation-report.json, artifacts/mutation/FOLDER/survivors.txt lists each mutant not
# killed by file and line, and artifacts/mutation/summary.md gives every folder's score, the overall score over the
# folders in it (the tool's formula: killed + timeout over every mutant tested or not covered; compile errors and
# ignored mutants left out) and the seconds its chunks took.
#
# A folder's own Stryker settings, when it needs any (a longer or shorter time limit, mutations ignored), are in
# scripts/mutation/FOLDER.json (Stryker's configuration file), each with its reason in docs/testing.md.
#
# Why a folder is scored by its own tests: Stryker compiles every mutant of the project into one assembly and, to find
# which tests cover which mutant, records each mutant's hits under a lock while the tests run once. Tests that run the
# slot physics millions of times (the optimum's randomised equivalence checks) would take hours like that, so each
# folder runs the tests that mirror it (tests/<Project>.Tests/<Folder>, by namespace) without the [Trait("Category",
# "Slow")] ones, and only those that cover each mutant (Stryker's default per-test coverage analysis).
# Needs the .NET SDK (the tool comes from .config/dotnet-tools.json) and python3 for the merge and the summary.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

since="" concurrency=2 break_at=0 chunk_lines=2000 fresh=0 list=0 targets=()
number() { [[ $2 =~ ^[0-9]+$ ]] || { echo "mutation.sh: $1 must be a whole number, got '$2'" >&2; exit 2; }; }
while [[ $# -gt 0 ]]; do
  case "$1" in
    --since) since=${2:?--since needs a git revision}; shift 2 ;;
    --since=*) since=${1#--since=}; shift ;;
    --concurrency) number --concurrency "${2:-}"; concurrency=$2; shift 2 ;;
    --break-at) number --break-at "${2:-}"; break_at=$2; shift 2 ;;
    --chunk-lines) number --chunk-lines "${2:-}"; chunk_lines=$2; shift 2 ;;
    --fresh) fresh=1; shift ;;
    --list) list=1; shift ;;
    -h | --help) sed -n '2,30p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "mutation.sh: unknown option $1; allowed: --since REF, --concurrency N, --chunk-lines L, --fresh, --list, --break-at P, FOLDER or FOLDER/FILE.cs..." >&2; exit 2 ;;
    *) targets+=("$1"); shift ;;
  esac
done

# The folders issues 16 and 24 score, in the order of docs/testing.md.
default_folders=(Model Simulation Policies Learning IO Privacy Claims)
if [[ ${#targets[@]} -eq 0 ]]; then targets=("${default_folders[@]}"); fi

# project directory, test project, test directory, test filter for one folder (a dotnet test filter).
plan() {
  local folder=$1 slow='Category!=Slow'
  case "$folder" in
    Privacy)
      echo "src/EdgeMine.Privacy|tests/EdgeMine.Privacy.Tests/EdgeMine.Privacy.Tests.csproj|tests/EdgeMine.Privacy.Tests|.|$slow" ;;
    Claims)
      echo "src/EdgeMine.Reproduction|tests/EdgeMine.Reproduction.Tests/EdgeMine.Reproduction.Tests.csproj|tests/EdgeMine.Reproduction.Tests/Claims|Claims|FullyQualifiedName~EdgeMine.Tests.Claims.&$slow" ;;
    *)
      if [[ ! -d src/EdgeMine.Core/$folder ]]; then
        echo "mutation.sh: no folder src/EdgeMine.Core/$folder; allowed: Privacy, Claims or a folder of src/EdgeMine.Core ($(ls src/EdgeMine.Core | grep -v '\.' | grep -v -x -e bin -e obj | tr '\n' ' '))" >&2
        return 2
      fi
      echo "src/EdgeMine.Core|tests/EdgeMine.Core.Tests/EdgeMine.Core.Tests.csproj|tests/EdgeMine.Core.Tests/$folder|$folder|FullyQualifiedName~EdgeMine.Tests.$folder.&$slow" ;;
  esac
}

# A target is a folder, or a file of one (FOLDER/path/File.cs, relative to the folder's project for Privacy's files).
folder_of() { echo "${1%%/*}"; }
folders=()
declare -A only_files=()
for target in "${targets[@]}"; do
  folder=$(folder_of "$target")
  plan "$folder" >/dev/null || exit 2
  if [[ "$target" == */* ]]; then
    IFS='|' read -r project _ _ sub _ <<<"$(plan "$folder")"
    file=${target#"$folder"/}
    [[ "$sub" == . ]] || file="$sub/$file"
    if [[ ! -f "$project/$file" ]]; then
      echo "mutation.sh: no file $project/$file; give FOLDER/FILE.cs with the file's path inside the folder" >&2; exit 2
    fi
    only_files[$folder]+="$file "
  fi
  [[ " ${folders[*]:-} " == *" $folder "* ]] || folders+=("$folder")
done

# The chunks of a folder, one per line: space-separated paths relative to the project directory.
chunks_of() {
  local project=$1 sub=$2 folder=$3
  if [[ -n "${only_files[$folder]:-}" ]]; then echo "${only_files[$folder]% }"; return; fi
  (cd "$project" && find "$sub" -name '*.cs' -not -path '*/obj/*' -not -path '*/bin/*' | sed 's|^\./||' | LC_ALL=C sort \
    | while read -r f; do echo "$(wc -l <"$f") $f"; done) \
    | awk -v limit="$chunk_lines" '
        $1 >= limit { print $2; next }  # a file as large as a chunk is a chunk alone
        { if (n > 0 && total + $1 > limit) { print line; line = ""; total = 0; n = 0 }
          line = (n ? line " " : "") $2; total += $1; n++ }
        END { if (n > 0) print line }'
}

# A chunk's stamp: its files, the tests that mirror its folder (and the shared test helpers), the test project file,
# the package versions and Stryker's arguments. A change elsewhere in the library is not seen: --fresh after one that
# matters.
stamp_of() {
  local project=$1 tests=$2 test_dir=$3 arguments=$4; shift 4
  { (cd "$project" && sha256sum "$@"); find "$test_dir" tests/Shared -name '*.cs' -not -path '*/obj/*' -not -path '*/bin/*' \
      | LC_ALL=C sort | xargs sha256sum; sha256sum "$tests" Directory.Packages.props .config/dotnet-tools.json
    echo "$arguments"; } | sha256sum | cut -c1-16
}

[[ $list -eq 1 ]] || dotnet tool restore >/dev/null
mkdir -p artifacts/mutation

# Stryker writes its mutated library into the test project's bin directory and leaves it there. Removed after every
# chunk (and when the script is stopped), so that a later `dotnet test --no-build` fails on the missing file instead of
# running the suite against a mutated library, and the next build copies the real one back.
injected=()
remove_injected() { for f in "${injected[@]}"; do rm -f "$f"; done; }
trap remove_injected EXIT
trap 'remove_injected; exit 130' INT TERM

# The 1-minute load average, and the warning that goes with a high one: each mutant's test session must finish within
# Stryker's time limit (about twice the first test run plus a few seconds), and on a loaded machine a mutant whose
# tests are merely slow passes it and counts as "timeout", which Stryker counts as detected. At a load average of about
# 20 on 2 cores, 8 of ReplayMemory's 12 survivors did (docs/testing.md). Scores are only trusted from runs alone.
load_now() { cut -d' ' -f1 /proc/loadavg; }
cores=$(nproc)
if [[ $list -eq 0 ]] && awk -v l="$(load_now)" -v c="$cores" 'BEGIN { exit !(l > c) }'; then
  echo "mutation.sh: warning: the load average is $(load_now) on $cores cores; slow mutants may count as timeouts (detected)" >&2
fi
status=0
for folder in "${folders[@]}"; do
  IFS='|' read -r project tests test_dir sub filter <<<"$(plan "$folder")"
  out="$root/artifacts/mutation/$folder"
  if [[ -n "${only_files[$folder]:-}" || -n "$since" ]]; then out="$root/artifacts/mutation/partial/$folder"; rm -rf "$out"; fi
  [[ $fresh -eq 0 ]] || rm -rf "$out"
  mapfile -t chunks < <(chunks_of "$project" "$sub" "$folder")
  echo "== $folder: $project, ${#chunks[@]} chunks, tests: $filter${since:+, since $since}"
  mkdir -p "$out/chunks"
  # Chunks left from an earlier split (another --chunk-lines, files added or removed) are dropped.
  find "$out/chunks" -mindepth 1 -maxdepth 1 -type d | while read -r d; do
    name=$(basename "$d")
    if [[ ! $name =~ ^[0-9]+$ ]] || ((name >= ${#chunks[@]})); then rm -rf "$d"; fi
  done
  for i in "${!chunks[@]}"; do
    read -r -a files <<<"${chunks[$i]}"
    chunk="$out/chunks/$i"
    args=(--project "$(basename "$project").csproj" --test-project "$root/$tests" --test-case-filter "$filter"
      --configuration Release --reporter Json --reporter Html --reporter Progress --skip-version-check --break-at 0)
    for f in "${files[@]}"; do args+=(--mutate "$f"); done
    if [[ -n "$since" ]]; then args+=("--since:$since"); fi
    settings=""
    if [[ -f "$root/scripts/mutation/$folder.json" ]]; then
      args+=(--config-file "$root/scripts/mutation/$folder.json")
      settings=$(cat "$root/scripts/mutation/$folder.json")
    fi
    stamp=$(stamp_of "$project" "$tests" "$test_dir" "${args[*]//"$root"/} $settings" "${files[@]}")  # the same in any clone
    if [[ -f "$chunk/stamp" && "$(cat "$chunk/stamp")" == "$stamp" && -f "$chunk/reports/mutation-report.json" ]]; then
      echo "-- chunk $i/${#chunks[@]} done earlier ($(cat "$chunk/seconds") s): ${files[*]}"
      continue
    fi
    if [[ $list -eq 1 ]]; then echo "-- chunk $i/${#chunks[@]} to run: ${files[*]}"; continue; fi
    echo "-- chunk $i/${#chunks[@]}: ${files[*]}"
    rm -rf "$chunk"
    args+=(--concurrency "$concurrency" --output "$chunk.running")
    start=$(date +%s) load_start=$(load_now)
    rm -rf "$chunk.running"
    injected=("$(dirname "$root/$tests")/bin/Release/net10.0/$(basename "$project").dll")
    if (cd "$project" && dotnet dotnet-stryker "${args[@]}"); then
      # Written only once the chunk's run finished: a killed run leaves no stamp, and the chunk runs again.
      echo $(($(date +%s) - start)) >"$chunk.running/seconds"
      echo "$load_start $(load_now)" >"$chunk.running/load"
      echo "$stamp" >"$chunk.running/stamp"
      mv "$chunk.running" "$chunk"
    else
      echo "mutation.sh: Stryker failed on chunk $i of $folder (its log is in $chunk.running)" >&2
      status=1
    fi
    remove_injected
  done
done
[[ $list -eq 0 ]] || exit 0

summary_folders=()
for folder in "${folders[@]}"; do
  if [[ -n "${only_files[$folder]:-}" || -n "$since" ]]; then summary_folders+=("partial/$folder"); else summary_folders+=("$folder"); fi
done
python3 scripts/mutation-summary.py --break-at "$break_at" artifacts/mutation "${summary_folders[@]}" \
  | tee artifacts/mutation/summary.md || status=1
exit "$status"
