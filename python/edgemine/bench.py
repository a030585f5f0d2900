"""``python -m edgemine.bench [--json]``: environment steps per second from Python.

single_steps_per_s: one EdgeMineEnv stepped by ``env.step(action)`` in a Python loop (observation copy, reward, flags
and info dict included), actions drawn in advance (random 0/1 per task). vector_steps_per_s: environment steps per
second of an EdgeMineVectorEnv of ``--num-envs`` environments (one ``step`` call steps them all). N = 1, M = 2, beta 0.5
by default: the issue's targets are 300,000 and 5,000,000 steps/s. A benchmark, not a test: timings on a shared machine
vary.
"""

from __future__ import annotations

import argparse
import json
import time

import numpy as np

from .env import EdgeMineEnv
from .vector import EdgeMineVectorEnv


def single_steps_per_second(miners, tasks, seconds):
    env = EdgeMineEnv(miners=miners, tasks=tasks)
    env.reset(seed=1)
    actions = [a for a in np.random.default_rng(2).integers(0, 2, size=(1024, miners * tasks)).astype(np.float64)]
    step = env.step
    steps, start = 0, time.perf_counter()
    while True:
        for action in actions:
            step(action)
        steps += len(actions)
        elapsed = time.perf_counter() - start
        if elapsed >= seconds:
            env.close()
            return steps / elapsed


def vector_steps_per_second(num_envs, miners, tasks, seconds):
    env = EdgeMineVectorEnv(num_envs=num_envs, miners=miners, tasks=tasks)
    env.reset(seed=1)
    actions = list(np.random.default_rng(2).integers(0, 2, size=(16, num_envs, miners * tasks)).astype(np.float64))
    step = env.step
    calls, start = 0, time.perf_counter()
    while True:
        for batch in actions:
            step(batch)
        calls += len(actions)
        elapsed = time.perf_counter() - start
        if elapsed >= seconds:
            env.close()
            return calls * num_envs / elapsed


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m edgemine.bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--miners", type=int, default=1)
    parser.add_argument("--tasks", type=int, default=2)
    parser.add_argument("--num-envs", type=int, default=1024, help="environments in the vector (default 1024)")
    parser.add_argument("--seconds", type=float, default=2.0, help="length of each timed loop (default 2 s)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    single = single_steps_per_second(args.miners, args.tasks, args.seconds)
    vector = vector_steps_per_second(args.num_envs, args.miners, args.tasks, args.seconds)
    if args.json:
        print(json.dumps({"preset": "calibrated", "beta": 0.5, "miners": args.miners, "tasks": args.tasks, "num_envs": args.num_envs,
                          "single_steps_per_s": round(single), "vector_steps_per_s": round(vector)}))
    else:
        print(f"EdgeMineEnv N = {args.miners}, M = {args.tasks}: {single:,.0f} steps/s ({1e6 / single:.2f} us/step)")
        print(f"EdgeMineVectorEnv B = {args.num_envs}: {vector:,.0f} environment steps/s "
              f"({1e9 / vector:.1f} ns per environment step)")


if __name__ == "__main__":
    main()
