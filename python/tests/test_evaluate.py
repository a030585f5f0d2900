"""edgemine.evaluate: the comparison's shape, the agent run on edgemine evaluate's seeds, exact equalities."""

import json
import math
import os
import subprocess
import tempfile
import unittest

import numpy as np

import edgemine
from edgemine import EdgeMineEnv

METRICS = ["reward", "cost", "privacy", "energy_j", "power_w", "latency_s", "latency_per_task_s", "deadline_misses",
           "offloaded_fraction", "mec_backlog_cycles", "buffered_bits"]


YARDSTICK_KEYS = ["optimality_ratio", "headroom_captured", "regret_per_task", "fractional_optimality_ratio", "yardstick",
                  "yardstick_is_bound", "above_yardstick", "reward_minus_yardstick", "fractional_actions",
                  "reward_per_run"]


def _ratio(result, name, start, end):
    """(R - R_start) / (R_end - R_start), None unless the denominator's paired interval is above 0 and it is at least
    1e-3 of the mean |reward| over the policies compared, or of the larger |reward| of the two it is the difference of
    when smaller, and unless the ratio is within +-100 (the rules of issue 21, worked here from the per-run rewards)."""
    p = result["policies"]
    reward = {n: v["reward"]["mean"] for n, v in p.items()}
    scale = min(sum(abs(r) for r in reward.values()) / len(reward), max(abs(reward[start]), abs(reward[end])))
    d = edgemine.paired_difference(result, end, start)
    if d["mean"] <= 0 or d["mean"] < 1e-3 * scale or (d["ci95_low"] is not None and d["ci95_low"] <= 0):
        return None
    ratio = (reward[name] - reward[start]) / d["mean"]
    return ratio if abs(ratio) <= 100 else None


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
            self.assertEqual(list(p), METRICS + YARDSTICK_KEYS)
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
        self.assertTrue(p["optimal-fractional"]["fractional_actions"])
        self.assertEqual(p["optimal-fractional"]["yardstick"], "optimal-fractional")
        for name in (n for n in p if n != "optimal-fractional"):
            self.assertEqual(p[name]["yardstick"], "optimal")  # every action of these is 0 or 1
            self.assertFalse(p[name]["fractional_actions"])
            for key, start in (("optimality_ratio", "random"), ("headroom_captured", best)):
                expected = _ratio(self.result, name, start, "optimal")
                if expected is None:
                    self.assertIsNone(p[name][key], f"{name}.{key}")
                else:
                    self.assertAlmostEqual(p[name][key], expected, places=12, msg=f"{name}.{key}")
            self.assertAlmostEqual(p[name]["regret_per_task"], (reward["optimal"] - reward[name]) / 4, places=12)
        self.assertTrue(self.result["per_slot_optimum_is_bound"])

    def test_paired_difference_is_the_mean_over_runs_with_a_t_interval(self):
        # Per-run rewards a and b: the difference's mean by hand, its half-width t(3) = 3.182 x sd / sqrt(4).
        d = edgemine.paired_difference(self.result, "agent", "no")
        x = np.array(self.result["policies"]["agent"]["reward_per_run"]) - np.array(self.result["policies"]["no"]["reward_per_run"])
        self.assertAlmostEqual(d["mean"], x.mean(), places=12)
        self.assertAlmostEqual(d["ci95_high"] - d["mean"], 3.182 * x.std(ddof=1) / 2, places=12)
        self.assertEqual(d["n"], 4)
        with self.assertRaisesRegex(edgemine.ConfigurationError, "policy 'nobody': not in this result"):
            edgemine.paired_difference(self.result, "nobody", "no")

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

    def test_several_python_policies_by_name(self):
        result = edgemine.evaluate({"all": lambda obs: np.ones(2), "none": lambda obs: np.zeros(2)}, runs=2, slots=30)
        self.assertEqual(list(result["policies"])[:3], ["all", "none", "no"])
        self.assertEqual(result["policies"]["all"]["reward"], result["policies"]["eo"]["reward"])
        self.assertEqual(result["policies"]["none"]["reward"], result["policies"]["no"]["reward"])
        with self.assertRaisesRegex(edgemine.ConfigurationError, "policy name 'go'"):
            edgemine.evaluate({"go": lambda obs: np.ones(2)}, runs=1, slots=1)

    def test_a_fractional_rule_is_measured_against_the_fractional_optimum(self):
        # Issue 26: all under a good channel, 30% under a bad one (N = 3, M = 2, calibrated) read ratio 1.665 and
        # headroom 8.2 against the binary optimum. Observation: per miner D1 (M), D0 (M), g.
        def rule(obs):
            return np.repeat([1.0 if obs[5 * n + 4] > 0.5 else 0.3 for n in range(3)], 2)

        result = edgemine.evaluate(rule, miners=3, tasks=2, runs=5, slots=300)
        agent = result["policies"]["agent"]
        self.assertTrue(agent["fractional_actions"])
        self.assertEqual(agent["yardstick"], "optimal-fractional")
        self.assertFalse(agent["above_yardstick"])
        self.assertLessEqual(agent["optimality_ratio"], 1 + 1e-12)
        self.assertEqual(agent["optimality_ratio"], agent["fractional_optimality_ratio"])
        self.assertEqual(result["policies"]["go"]["yardstick"], "optimal")

    def test_paper_literal_says_the_per_slot_optimum_is_not_a_bound(self):
        result = edgemine.evaluate(None, preset="paper-literal", miners=5, tasks=2)
        self.assertFalse(result["per_slot_optimum_is_bound"])
        self.assertFalse(result["policies"]["no"]["yardstick_is_bound"])
        self.assertTrue(result["policies"]["go"]["above_yardstick"])

    def test_non_finite_numbers_are_none(self):
        result = edgemine.evaluate(lambda obs: np.zeros(2), runs=1, slots=10)
        self.assertIsNone(result["policies"]["agent"]["reward"]["ci95_low"])  # one run: no interval
        self.assertTrue(math.isfinite(result["policies"]["agent"]["reward"]["mean"]))

    def test_evaluation_seeds_are_distinct_per_run(self):
        seeds = {edgemine.evaluation_seeds(1000, r) for r in range(10)}
        self.assertEqual(len(seeds), 10)
        self.assertEqual(len({s for pair in seeds for s in pair}), 20)


@unittest.skipUnless(os.environ.get("EDGEMINE_CLI"), "needs EDGEMINE_CLI (the C# test suite sets it)")
class ModelsTests(unittest.TestCase):
    """Issue 26: a Python policy beside trained RLO and DRLO models and the baselines in one call, with the numbers of
    ``edgemine evaluate --model A --model B``."""

    @classmethod
    def setUpClass(cls):
        cls.scratch = tempfile.TemporaryDirectory(prefix="edgemine-models-")
        cls.rlo = os.path.join(cls.scratch.name, "rlo")
        cls.drlo = os.path.join(cls.scratch.name, "drlo")
        for algo, out in (("rlo", cls.rlo), ("drlo", cls.drlo)):
            subprocess.run([*edgemine.cli_command(), "train", "--algo", algo, "--slots", "300", "--seed", "3",
                            "--out", out], check=True, capture_output=True)

    @classmethod
    def tearDownClass(cls):
        cls.scratch.cleanup()

    def test_models_beside_a_python_policy_equal_the_command_line(self):
        settings = dict(runs=3, slots=100, seed=11)
        result = edgemine.evaluate(lambda obs: np.ones(2), models=[self.rlo, self.drlo], **settings)
        names = list(result["policies"])
        self.assertEqual(names[0], "agent")
        self.assertIn("rlo", names)
        self.assertIn("drlo", names)
        for baseline in ("no", "eo", "go", "random", "optimal", "optimal-fractional"):
            self.assertIn(baseline, names)
        cli = subprocess.run([*edgemine.cli_command(), "evaluate", "--model", self.rlo, "--model", self.drlo, "--runs", "3",
                              "--slots", "100", "--seed", "11", "--json"], check=True, capture_output=True, text=True)
        expected = json.loads(cli.stdout.strip().splitlines()[-1])["policies"]
        for name in ("rlo", "drlo", "no", "optimal"):
            self.assertEqual(result["policies"][name], expected[name], name)
        d = edgemine.paired_difference(result, "agent", "rlo")
        self.assertEqual(d["n"], 3)

    def test_a_bad_model_directory_is_one_line(self):
        with self.assertRaisesRegex(edgemine.ConfigurationError, "--model"):
            edgemine.evaluate(None, models=[os.path.join(self.scratch.name, "missing")], runs=1, slots=1)


if __name__ == "__main__":
    unittest.main()
