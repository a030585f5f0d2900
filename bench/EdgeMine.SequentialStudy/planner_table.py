"""Rows of docs/sequential.md's planner table from planner.sh's JSONs (standard library only).

Each learner is 5 training seeds evaluated on the same 20 runs as every reference. "runs": per evaluation run the
seeds' mean minus the reference, a t interval over the runs (evaluation noise, seeds held fixed); "seeds": per seed the
mean over the runs minus the reference's, a t interval over the seeds (training noise, runs held fixed).
"""
import json
import statistics
import sys
from pathlib import Path

T975 = {4: 2.776, 19: 2.093}  # two-sided 95% t quantiles for 5 seeds and 20 runs
LEARNERS = [("drlo@", "DRLO (default)"), ("drlo-planner@", "planner")]
SCENARIOS = ["paper-literal", "buffering", "congested-mec"]


def interval(values):
    mean = statistics.fmean(values)
    half = T975[len(values) - 1] * statistics.stdev(values) / len(values) ** 0.5
    return mean, mean - half, mean + half


def text(values):
    mean, low, high = interval(values)
    return f"{mean:+.4g} [{low:.4g}, {high:.4g}]"


def rows(path):
    policies = json.loads(path.read_text())["policies"]
    for prefix, label in LEARNERS:
        seeds = [p for name, p in policies.items() if name.startswith(prefix)]
        if not seeds:
            continue
        reward = statistics.fmean(p["reward"]["mean"] for p in seeds)
        backlog = statistics.fmean(p["mec_backlog_cycles"]["mean"] for p in seeds)
        runs = len(seeds[0]["reward_per_run"])
        per_run = [statistics.fmean(p["reward_per_run"][r] for p in seeds) for r in range(runs)]

        def minus(reference, by):
            if reference not in policies:
                return "-"
            ref = policies[reference]
            if by == "runs":
                return text([per_run[r] - ref["reward_per_run"][r] for r in range(runs)])
            return text([p["reward"]["mean"] - ref["reward"]["mean"] for p in seeds])

        gap = "-"
        if "mdp-optimal" in policies:
            low, high = policies["optimal"]["reward"]["mean"], policies["mdp-optimal"]["reward"]["mean"]
            if high > low:
                gap = text([(p["reward"]["mean"] - low) / (high - low) for p in seeds])
        yield [path.stem, label, f"{reward:.4g}", minus("optimal", "runs"), minus("lookahead", "runs"),
               minus("lookahead", "seeds"), minus("mdp-optimal", "runs"), gap,
               f"{backlog:.3g}"]


def main():
    directory = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/sequential-run/planner")
    print("| cell | learner | reward | minus per-slot optimum (runs) | minus lookahead (runs) | minus lookahead (seeds) "
          "| minus MDP optimum (runs) | of the MDP gap (seeds) | MEC backlog (cycles) |")
    print("|---|---|---|---|---|---|---|---|---|")
    for scenario in SCENARIOS:
        for miners in (1, 5, 10):
            for path in sorted(directory.glob(f"{scenario}-n{miners}-m*.json")):
                for row in rows(path):
                    print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
