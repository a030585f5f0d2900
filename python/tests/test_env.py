"""EdgeMineEnv: the Gymnasium interface, seeds, truncation, baselines."""

import math
import unittest

import numpy as np

import edgemine
from edgemine import EdgeMineEnv


class EnvInterfaceTests(unittest.TestCase):
    def test_spaces_describe_the_observation_and_action(self):
        with EdgeMineEnv(miners=3, tasks=2) as env:
            self.assertEqual(env.observation_space.shape, (15,))
            self.assertEqual(env.action_space.shape, (6,))
            self.assertEqual(env.observation_space.dtype, np.float64)
            self.assertEqual(env.action_space.dtype, np.float64)
            high = env.observation_space.high
            self.assertTrue(np.all(env.observation_space.low == 0))
            for n in range(3):  # D1, D1, D0, D0 unbounded, g in [0, 1]
                self.assertTrue(np.all(np.isinf(high[5 * n:5 * n + 4])))
                self.assertEqual(high[5 * n + 4], 1.0)
            self.assertTrue(np.all(env.action_space.low == 0) and np.all(env.action_space.high == 1))

    def test_extended_observation_appends_the_backlog(self):
        with EdgeMineEnv(miners=2, tasks=1, extended_observation=True) as env:
            self.assertEqual(env.observation_space.shape, (7,))
            obs, _ = env.reset(seed=3)
            self.assertEqual(obs.shape, (7,))
            self.assertEqual(obs[-1], 0.0)

    def test_reset_and_step_follow_gymnasium(self):
        with EdgeMineEnv() as env:
            obs, info = env.reset(seed=42)
            self.assertIsInstance(obs, np.ndarray)
            self.assertEqual(obs.dtype, np.float64)
            self.assertIsInstance(info, dict)
            self.assertTrue(env.observation_space.contains(obs))
            result = env.step(env.action_space.sample())
            self.assertEqual(len(result), 5)
            obs, reward, terminated, truncated, info = result
            self.assertTrue(env.observation_space.contains(obs))
            self.assertIsInstance(reward, float)
            self.assertIs(terminated, False)
            self.assertIs(truncated, False)
            self.assertEqual(tuple(info), edgemine.METRIC_NAMES)
            self.assertEqual(info["reward"], reward)
            self.assertTrue(all(isinstance(v, float) for v in info.values()))
            self.assertAlmostEqual(info["reward"], info["privacy"] - info["cost"], places=12)

    def test_observations_returned_are_copies(self):
        with EdgeMineEnv() as env:
            first, _ = env.reset(seed=1)
            kept = first.copy()
            second, *_ = env.step([1, 1])
            np.testing.assert_array_equal(first, kept)
            self.assertFalse(np.shares_memory(first, second))

    def test_actions_as_lists_matrices_and_binary_arrays(self):
        with EdgeMineEnv(miners=2, tasks=2) as a, EdgeMineEnv(miners=2, tasks=2) as b:
            a.reset(seed=5)
            b.reset(seed=5)
            r1 = a.step([1, 0, 0.5, 1])[1]
            r2 = b.step(np.array([[1, 0], [0.5, 1]]))[1]
            self.assertEqual(r1, r2)
            r1 = a.step(np.array([True, False, True, True]))[1]
            r2 = b.step([1.0, 0.0, 1.0, 1.0])[1]
            self.assertEqual(r1, r2)

    def test_same_seed_same_trajectory_bit_for_bit(self):
        rng = np.random.default_rng(0)
        actions = rng.random((200, 4))
        traces = []
        for _ in range(2):
            with EdgeMineEnv(miners=2, tasks=2) as env:
                obs, _ = env.reset(seed=123)
                trace = [obs]
                for a in actions:
                    obs, r, *_ = env.step(a)
                    trace += [obs, np.array([r])]
                traces.append(np.concatenate(trace))
        self.assertEqual(traces[0].tobytes(), traces[1].tobytes())

    def test_truncated_every_episode_slots_never_terminated(self):
        with EdgeMineEnv(episode_slots=3) as env:
            self.assertEqual(env.episode_slots, 3)
            env.reset(seed=1)
            flags = [env.step([1, 1])[2:4] for _ in range(7)]
            self.assertEqual([t for _, t in flags], [False, False, True, False, False, True, False])
            self.assertFalse(any(term for term, _ in flags))

    def test_unseeded_reset_continues_with_derived_seeds(self):
        with EdgeMineEnv() as env:
            env.reset(seed=9)
            self.assertEqual(env.episode_seed, 9)
            env.reset()
            second = env.episode_seed
            self.assertNotEqual(second, 9)
            env.reset()
            third = env.episode_seed
            self.assertNotIn(third, (9, second))
            env.reset(seed=9)
            env.reset()
            self.assertEqual(env.episode_seed, second)
        with EdgeMineEnv() as env:  # never seeded: a seed from the operating system, which episode_seed reports
            obs, _ = env.reset()
            seed = env.episode_seed
            with EdgeMineEnv() as again:
                np.testing.assert_array_equal(again.reset(seed=seed)[0], obs)

    def test_seeds_must_be_64_bit_unsigned(self):
        with EdgeMineEnv() as env:
            env.reset(seed=2**64 - 1)
            for bad in (-1, 2**64, 1.5, "1"):
                with self.assertRaises(edgemine.ConfigurationError) as caught:
                    env.reset(seed=bad)
                self.assertIn("allowed: an integer in [0, 2^64 - 1]", str(caught.exception))

    def test_close_is_idempotent_and_a_closed_env_refuses(self):
        env = EdgeMineEnv()
        env.reset(seed=1)
        env.close()
        env.close()
        with self.assertRaises(edgemine.EdgeMineError) as caught:
            env.step([0, 0])
        self.assertEqual(str(caught.exception), "the environment is closed")
        with self.assertRaises(edgemine.EdgeMineError):
            env.reset(seed=1)

    def test_configuration_reaches_the_model(self):
        with EdgeMineEnv(config={"privacy_unit_bits": 1e3}) as env:
            obs, _ = env.reset(seed=1)
        with EdgeMineEnv() as env:
            reference, _ = env.reset(seed=1)
        np.testing.assert_allclose(obs[:2], reference[:2] * 100)
        with EdgeMineEnv(preset="paper-literal") as env:
            obs, _ = env.reset(seed=1)
        np.testing.assert_allclose(obs[:2], reference[:2] * 100)

    def test_usage_privacy_form_is_a_name_and_reaches_the_reward(self):
        # First slot: empty buffers (D0 = 0); every task local (Do = 0), so no location privacy. Under eq8
        # Pu = |D0 - Do| = 0; under withheld Pu = |D0 + D1 - Do| / d_unit = D1 / d_unit, the observation's D1,
        # for each task whose miner's channel is good (g = 1 >= eps = 1), and 0 under a bad channel.
        for form in ("eq8", "withheld"):
            with self.subTest(form=form):
                with EdgeMineEnv(miners=3, tasks=2, config={"usage_privacy_form": form}) as env:
                    obs, _ = env.reset(seed=4)
                    _, _, _, _, info = env.step(np.zeros(6))
                blocks = obs.reshape(3, 5)  # per miner: D1 of 2 tasks, D0 of 2 tasks, g
                self.assertTrue(0 < blocks[:, 4].sum() < 3, "the seed should give good and bad channels")
                withheld = sum(blocks[n, :2].sum() for n in range(3) if blocks[n, 4] == 1)
                self.assertAlmostEqual(info["privacy"], withheld if form == "withheld" else 0.0, places=12)
        result = edgemine.evaluate(lambda o: np.zeros(2), runs=1, slots=5, config={"usage_privacy_form": "withheld"})
        self.assertEqual(result["configuration"]["overrides"], {"usage_privacy_form": "withheld"})


class BaselineActionTests(unittest.TestCase):
    def test_no_eo_go(self):
        with EdgeMineEnv(miners=4, tasks=3) as env:
            obs, _ = env.reset(seed=11)
            for _ in range(5):
                np.testing.assert_array_equal(env.baseline_action("no"), np.zeros(12))
                np.testing.assert_array_equal(env.baseline_action("eo"), np.ones(12))
                good = obs[6::7]
                np.testing.assert_array_equal(env.baseline_action("go"), np.repeat(good, 3))
                obs, *_ = env.step(env.baseline_action("random"))

    def test_random_is_binary_and_reproducible(self):
        draws = []
        for _ in range(2):
            with EdgeMineEnv(miners=2, tasks=3) as env:
                env.reset(seed=4)
                draws.append(np.array([env.baseline_action("random") for _ in range(20)]))
        np.testing.assert_array_equal(draws[0], draws[1])
        self.assertTrue(set(np.unique(draws[0])) <= {0.0, 1.0})
        self.assertTrue(0.3 < draws[0].mean() < 0.7)

    def test_optimal_beats_every_binary_action_in_the_slot(self):
        with EdgeMineEnv(miners=2, tasks=2) as env:
            for seed in range(5):
                env.reset(seed=seed)
                best = env.optimal_action()
                rewards = []
                for j in range(16):
                    with EdgeMineEnv(miners=2, tasks=2) as probe:
                        probe.reset(seed=seed)
                        rewards.append(probe.step([(j >> i) & 1 for i in range(4)])[1])
                optimal_reward = env.step(best)[1]
                self.assertEqual(optimal_reward, max(rewards))

    def test_unknown_policy(self):
        with EdgeMineEnv() as env:
            env.reset(seed=1)
            with self.assertRaises(edgemine.EdgeMineError) as caught:
                env.baseline_action("greedy")
            self.assertEqual(str(caught.exception), "policy 'greedy': unknown policy; allowed: no, eo, go, random, optimal, optimal-fractional, lookahead, mdp-optimal")


    def test_sequential_references_act_where_they_reach_and_refuse_in_one_line_where_not(self):
        # Issue 26: lookahead and the MDP optimum from Python. The MDP optimum exists for one miner only.
        with EdgeMineEnv(miners=1, tasks=1, preset="paper-literal") as env:
            env.reset(seed=3)
            for _ in range(20):
                action = env.baseline_action("mdp-optimal")
                self.assertEqual(action.shape, (1,))
                self.assertTrue(0 <= action[0] <= 1)
                lookahead = env.baseline_action("lookahead")
                self.assertEqual(lookahead.shape, (1,))
                env.step(action)
        with EdgeMineEnv(miners=5, tasks=2) as env:
            env.reset(seed=3)
            with self.assertRaisesRegex(edgemine.ConfigurationError, "^mdp-optimal: out of reach at N = 5, M = 2"):
                env.baseline_action("mdp-optimal")
    def test_miner_rewards_add_up_to_the_reward(self):
        with EdgeMineEnv(miners=5, tasks=2, config={"deadline_penalty": 2, "deadline_seconds": 0.05}) as env:
            env.reset(seed=8)
            for _ in range(50):
                _, reward, _, _, info = env.step(env.baseline_action("random"))
                shares = env.miner_rewards()
                self.assertEqual(shares.shape, (5,))
                self.assertTrue(math.isclose(shares.sum(), reward, rel_tol=1e-12, abs_tol=1e-12))


class MinimalBoxTests(unittest.TestCase):
    def test_sample_and_contains(self):
        box = edgemine.MinimalBox(low=np.zeros(3), high=np.array([1.0, np.inf, 2.0]), seed=1)
        self.assertEqual(box.shape, (3,))
        for _ in range(100):
            x = box.sample()
            self.assertEqual(x.dtype, np.float64)
            self.assertTrue(box.contains(x))
            self.assertIn(x, box)
        self.assertFalse(box.contains(np.array([2.0, 0.0, 0.0])))
        self.assertFalse(box.contains(np.zeros(4)))
        self.assertFalse(box.contains("abc"))
        self.assertTrue(box.is_bounded("below"))
        self.assertFalse(box.is_bounded())

    def test_scalar_bounds_with_shape(self):
        box = edgemine.MinimalBox(0.0, 1.0, shape=(2, 3))
        self.assertEqual(box.sample().shape, (2, 3))
        self.assertEqual(box, edgemine.MinimalBox(0.0, 1.0, shape=(2, 3)))


if __name__ == "__main__":
    unittest.main()
