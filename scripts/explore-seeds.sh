#!/usr/bin/env bash
# Opt-in exploration of the property tests (tests/Shared/PinnedSample.cs): the normal suite runs every property on
# cases drawn from a pinned seed, the same on every run; this runs them from fresh seeds instead, ROUNDS times. A
# failure prints the case's own seed: add it to that test's regression seeds so that the normal suite replays it.
# Usage: scripts/explore-seeds.sh [ROUNDS]   (default 5)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
dotnet build EdgeMine.slnx -c Release >/dev/null
for ((round = 1; round <= rounds; round++)); do
  echo "exploration round $round of $rounds"
  EDGEMINE_EXPLORE_SEEDS=1 dotnet test EdgeMine.slnx -c Release --no-build \
    --filter "FullyQualifiedName~FuzzTests|FullyQualifiedName~PropertyTests|FullyQualifiedName~PerSlot|FullyQualifiedName~OffloadAdvantage"
done
