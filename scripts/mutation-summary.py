#!/usr/bin/env python3
"""The mutation score of each folder from Stryker's JSON reports (scripts/mutation.sh), as a Markdown table, and every
mutant that was not killed, by file and line, into DIR/FOLDER/survivors.txt.

    python3 scripts/mutation-summary.py artifacts/mutation Model Policies ...

Score as Stryker computes it: (killed + timeout) / (killed + timeout + survived + no coverage); compile errors and
ignored mutants are left out. The overall line pools the mutants of the folders given."""
import json
import os
import sys
from collections import Counter

DETECTED = ("Killed", "Timeout")
UNDETECTED = ("Survived", "NoCoverage")


def main(directory, folders):
    times = {}
    try:
        with open(os.path.join(directory, "times.txt"), encoding="utf-8") as f:
            for line in f:
                name, seconds = line.split()
                times[name] = int(seconds)  # the latest run of each folder
    except FileNotFoundError:
        pass

    print("| folder | killed | timeout | survived | no coverage | compile error | ignored | score | time |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    total = Counter()
    for folder in folders:
        path = os.path.join(directory, folder, "reports", "mutation-report.json")
        if not os.path.exists(path):
            print(f"| {folder} | no report ({path}) | | | | | | | |")
            continue
        with open(path, encoding="utf-8") as f:
            report = json.load(f)
        counts = Counter()
        survivors = []
        for file, entry in sorted(report["files"].items()):
            relative = os.path.relpath(file, report.get("projectRoot", ""))
            for mutant in entry["mutants"]:
                counts[mutant["status"]] += 1
                if mutant["status"] in UNDETECTED:
                    start = mutant["location"]["start"]
                    survivors.append(
                        f"{relative}:{start['line']}:{start['column']} {mutant['status']} {mutant['mutatorName']}: "
                        + mutant.get("replacement", "").replace("\n", " ")[:160])
        with open(os.path.join(directory, folder, "survivors.txt"), "w", encoding="utf-8") as f:
            f.write("\n".join(survivors) + ("\n" if survivors else ""))
        total += counts
        seconds = times.get(folder)
        print(row(folder, counts, f"{seconds // 60} min {seconds % 60} s" if seconds is not None else ""))
    if len(folders) > 1:
        print(row("**overall**", total, ""))


def row(name, counts, time):
    detected = sum(counts[s] for s in DETECTED)
    valid = detected + sum(counts[s] for s in UNDETECTED)
    score = f"{100 * detected / valid:.2f}%" if valid else "n/a"
    return (f"| {name} | {counts['Killed']} | {counts['Timeout']} | {counts['Survived']} | {counts['NoCoverage']} "
            f"| {counts['CompileError']} | {counts['Ignored']} | {score} | {time} |")


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2:])
