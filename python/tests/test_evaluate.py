"""edgemine.evaluate: the comparison's shape, the agent run on edgemine evaluate's seeds, exact equalities."""

import math
import unittest

import numpy as np

import edgemine
from edgemine import EdgeMineEnv

METRICS = ["reward", "cost", "privacy", "energy_j", "power_w", "latency_s", "latency_per_task_s", "deadline_misses",
           "offloaded_fraction", "mec_backlog_cycles", "buffered_bits"]


class EvaluateTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.result = edgemine.evaluate(lambda obs: np.ones(4), miners=2, tasks=2, beta=0.8, runs=4, slots=150, seed=77,
                                       config={"rate_bad_bps": 1e6, "transmit_watts": 0.3})

    def test_shape_of_the_result(self):
        r = self.result
        self.assertEqual(r["configuration"], {
            "preset": "calibrated", "overrides": {"rate_bad_bps": 1e6, "transmit_watts": 0.3}, "miners": 2, "tasks": 2,
            "beta": 0.8, "runs": 4, "slots": 150, "seed": 77})
        self.assertEqual(list(r["policies"]), ["agent", "no", "eo", "go", "random", "optimal", "optimal-fractional"])
        self.assertIn(r["best_baseline"], ["no", "eo", "go", "random"])
        for name, p in r["policies"].items():
            self.assertEqual(list(p), METRICS + ["optimality_ratio", "headroom_captured", "regret_per_task",
                                                 "fractional_optimality_ratio"])
            for metric in METRICS:
                e = p[metric]
                self.assertEqual(list(e), ["mean", "ci95_low", "ci95_high", "n"])
                self.assertEqual(e["n"], 4)
                self.assertLessEqual(e["ci95_low"], e["mean"])
                self.assertLessEqual(e["mean"], e["ci95_high"])
            # The fractional optimum bounds every policy: no ratio to it is above 1.
            self.assertLessEqual(p["fractional_optimality_ratio"], 1 + 1e-12)
        self.assertEqual(r["policies"]["optimal-fractional"]["fractional_optimality_ratio"], 1.0)

    def test_ratios(self):
        p = self.result["policies"]
        reward = {name: v["reward"]["mean"] for name, v in p.items()}
        best = max(["no", "eo", "go", "random"], key=lambda n: reward[n])
        self.assertEqual(self.result["best_baseline"], best)
        span = reward["optimal"] - reward["random"]
        for name in p:
            self.assertEqual(p[name]["optimality_ratio"], (reward[name] - reward["random"]) / span)
            self.assertEqual(p[name]["regret_per_task"], (reward["optimal"] - reward[name]) / 4)
            head = reward["optimal"] - reward[best]
            self.assertEqual(p[name]["headroom_captured"], (reward[name] - reward[best]) / head if head > 0 else None)
        self.assertEqual(p["optimal"]["optimality_ratio"], 1.0)
        self.assertEqual(p["random"]["optimality_ratio"], 0.0)

    def test_an_agent_that_always_offloads_is_eo_exactly(self):
        self.assertEqual(self.result["policies"]["agent"], self.result["policies"]["eo"])

    def test_agent_metrics_equal_stepping_the_env_on_the_evaluation_seeds(self):
        runs, slots, seed = 3, 40, 5
        calls = []

        def agent(obs):
            calls.append(obs)
            return np.array([obs[0] > 1.0, obs[1] > 0.9], dtype=float)

        result = edgemine.evaluate(agent, runs=runs, slots=slots, seed=seed)
        self.assertEqual(len(calls), runs * slots)
        per_run = []
        with EdgeMineEnv() as env:
            k = 0
            for run in range(runs):
                obs, _ = env.reset(seed=edgemine.evaluation_seeds(seed, run)[0])
                total = 0.0
                for _ in range(slots):
                    self.assertEqual(obs.tobytes(), calls[k].tobytes())
                    k += 1
                    obs, reward, *_ = env.step(agent(obs))
                    total += reward
                per_run.append(total / slots)
        mean = 0.0
        for v in per_run:
            mean += v
        self.assertEqual(result["policies"]["agent"]["reward"]["mean"], mean / runs)

    def test_baselines_only(self):
        result = edgemine.evaluate(None, runs=2, slots=20)
        self.assertEqual(list(result["policies"]), ["no", "eo", "go", "random", "optimal", "optimal-fractional"])

    def test_non_finite_numbers_are_none(self):
        result = edgemine.evaluate(lambda obs: np.zeros(2), runs=1, slots=10)
        self.assertIsNone(result["policies"]["agent"]["reward"]["ci95_low"])  # one run: no interval
        self.assertTrue(math.isfinite(result["policies"]["agent"]["reward"]["mean"]))

    def test_evaluation_seeds_are_distinct_per_run(self):
        seeds = {edgemine.evaluation_seeds(1000, r) for r in range(10)}
        self.assertEqual(len(seeds), 10)
        self.assertEqual(len({s for pair in seeds for s in pair}), 20)


if __name__ == "__main__":
    unittest.main()
