#!/usr/bin/env python3
"""The mutation score of each folder from the Stryker JSON reports of its chunks (scripts/mutation.sh), as a Markdown
table; writes each folder's merged report (DIR/FOLDER/mutation-report.json) and every mutant that was not killed, by
file and line, into DIR/FOLDER/survivors.txt.

    python3 scripts/mutation-summary.py [--break-at P] artifacts/mutation Model Policies ...

Score as Stryker computes it: (killed + timeout) / (killed + timeout + survived + no coverage); compile errors and
ignored mutants are left out. The overall line pools the mutants of the folders given. A folder's time is the sum of
its chunks' runs (each timed by mutation.sh), however many sittings they took, and its load the highest 1-minute load
average recorded at a chunk's start or end (a run on a loaded machine may count slow mutants as timeouts, which are
detected: trust a score only from a run alone). With --break-at P, exits 1 when a folder scores below P percent."""
import glob
import json
import os
import sys
from collections import Counter

DETECTED = ("Killed", "Timeout")
UNDETECTED = ("Survived", "NoCoverage")


def merged_report(folder_dir):
    """The chunks' reports as one (each file's mutants from the chunk that mutated it; a file with mutants in two
    chunks would be an error of the split), the seconds the chunks took and the highest load recorded (None for chunks run before loads were
    recorded), or None when no chunk has finished."""
    merged, seconds, chunks, load = None, 0, 0, None
    for path in sorted(glob.glob(os.path.join(folder_dir, "chunks", "*", "reports", "mutation-report.json"))):
        with open(path, encoding="utf-8") as f:
            report = json.load(f)
        chunk_dir = os.path.dirname(os.path.dirname(path))
        with open(os.path.join(chunk_dir, "seconds"), encoding="utf-8") as f:
            seconds += int(f.read().strip())
        load_path = os.path.join(chunk_dir, "load")
        if os.path.exists(load_path):
            with open(load_path, encoding="utf-8") as f:
                load = max([load or 0.0] + [float(v) for v in f.read().split()])
        chunks += 1
        if merged is None:
            merged = dict(report, files={})
        # Every chunk's report lists every file of the project, those it did not mutate without mutants.
        for file, entry in report["files"].items():
            if not entry["mutants"] and file in merged["files"]:
                continue
            if merged["files"].get(file, {}).get("mutants"):
                sys.exit(f"mutation-summary.py: {file} has mutants in two chunks of {folder_dir}")
            merged["files"][file] = entry
    return merged, seconds, chunks, load


def main(arguments):
    break_at = 0.0
    if arguments[:1] == ["--break-at"]:
        break_at = float(arguments[1])
        arguments = arguments[2:]
    if len(arguments) < 2:
        sys.exit(__doc__)
    directory, folders = arguments[0], arguments[1:]

    print("| folder | killed | timeout | survived | no coverage | compile error | ignored | score | chunks | time | load |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    total = Counter()
    below = []
    for folder in folders:
        folder_dir = os.path.join(directory, folder)
        report, seconds, chunks, load = merged_report(folder_dir)
        if report is None:
            print(f"| {folder} | no finished chunk in {folder_dir}/chunks | | | | | | | | | |")
            below.append(folder)
            continue
        with open(os.path.join(folder_dir, "mutation-report.json"), "w", encoding="utf-8") as f:
            json.dump(report, f)
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
        with open(os.path.join(folder_dir, "survivors.txt"), "w", encoding="utf-8") as f:
            f.write("\n".join(survivors) + ("\n" if survivors else ""))
        total += counts
        print(row(folder, counts, str(chunks), f"{seconds // 60} min {seconds % 60} s",
                  "not recorded" if load is None else f"{load:g}"))
        if score(counts) is not None and score(counts) < break_at:
            below.append(folder)
    if len(folders) > 1:
        print(row("**overall**", total, "", "", ""))
    if below and break_at > 0:
        print(f"\nbelow {break_at:g}% (or not run): {', '.join(below)}", file=sys.stderr)
        sys.exit(1)


def score(counts):
    detected = sum(counts[s] for s in DETECTED)
    valid = detected + sum(counts[s] for s in UNDETECTED)
    return 100 * detected / valid if valid else None


def row(name, counts, chunks, time, load):
    value = score(counts)
    shown = f"{value:.2f}%" if value is not None else "n/a"
    return (f"| {name} | {counts['Killed']} | {counts['Timeout']} | {counts['Survived']} | {counts['NoCoverage']} "
            f"| {counts['CompileError']} | {counts['Ignored']} | {shown} | {chunks} | {time} | {load} |")


if __name__ == "__main__":
    main(sys.argv[1:])
