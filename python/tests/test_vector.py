"""EdgeMineVectorEnv: batched arrays without copies, equality with single environments, autoreset."""

import unittest

import numpy as np

import edgemine
from edgemine import EdgeMineEnv, EdgeMineVectorEnv


class VectorEnvTests(unittest.TestCase):
    def test_spaces_and_shapes(self):
        with EdgeMineVectorEnv(num_envs=8, miners=2, tasks=3) as env:
            self.assertEqual(env.num_envs, 8)
            self.assertEqual(env.single_observation_space.shape, (14,))
            self.assertEqual(env.single_action_space.shape, (6,))
            self.assertEqual(env.observation_space.shape, (8, 14))
            self.assertEqual(env.action_space.shape, (8, 6))
            self.assertEqual(env.metadata["autoreset_mode"], edgemine.vector._NEXT_STEP)
            obs, infos = env.reset(seed=0)
            self.assertEqual(obs.shape, (8, 14))
            self.assertEqual(infos, {})
            obs, rewards, terminations, truncations, infos = env.step(env.action_space.sample())
            self.assertEqual((obs.dtype, rewards.shape, rewards.dtype), (np.float64, (8,), np.float64))
            self.assertEqual((terminations.dtype, truncations.dtype), (np.bool_, np.bool_))
            self.assertEqual(terminations.shape, (8,))
            for name in edgemine.METRIC_NAMES:
                self.assertEqual(infos[name].shape, (8,))
                self.assertTrue(infos["_" + name].all())
            np.testing.assert_array_equal(infos["reward"], rewards)

    def test_no_copy_per_step(self):
        with EdgeMineVectorEnv(num_envs=4) as env:
            first, _ = env.reset(seed=1)
            out = env.step(np.ones((4, 2)))
            again = env.step(np.zeros((4, 2)))
            for a, b in zip(out[:4], again[:4]):
                self.assertIs(a, b)
            self.assertIs(first, out[0])

    def test_each_environment_equals_a_single_one_seeded_s_plus_i(self):
        b, steps = 5, 60
        rng = np.random.default_rng(3)
        actions = rng.random((steps, b, 4))
        actions[actions < 0.3] = 0.0  # binary and fractional values
        actions[actions > 0.7] = 1.0
        with EdgeMineVectorEnv(num_envs=b, miners=2, tasks=2) as vec:
            obs, _ = vec.reset(seed=100)
            vec_trace = [obs.copy()]
            vec_rewards = []
            for a in actions:
                obs, rewards, *_ = vec.step(a)
                vec_trace.append(obs.copy())
                vec_rewards.append(rewards.copy())
        for i in range(b):
            with EdgeMineEnv(miners=2, tasks=2) as env:
                obs, _ = env.reset(seed=100 + i)
                self.assertEqual(obs.tobytes(), vec_trace[0][i].tobytes())
                for t, a in enumerate(actions):
                    obs, reward, *_ = env.step(a[i])
                    self.assertEqual(obs.tobytes(), vec_trace[t + 1][i].tobytes())
                    self.assertEqual(np.float64(reward).tobytes(), vec_rewards[t][i].tobytes())

    def test_seed_lists_and_matrix_actions(self):
        with EdgeMineVectorEnv(num_envs=3, miners=2, tasks=2) as vec, EdgeMineEnv(miners=2, tasks=2) as env:
            obs, _ = vec.reset(seed=[7, 70, 700])
            np.testing.assert_array_equal(obs[2], env.reset(seed=700)[0])
            vec.step(np.ones((3, 2, 2)))
            np.testing.assert_array_equal(vec.step(np.ones(12))[0][2], (env.step(np.ones(4)), env.step(np.ones(4)))[1][0])
            with self.assertRaises(edgemine.ConfigurationError):
                vec.reset(seed=[1, 2])

    def test_next_step_autoreset(self):
        with EdgeMineVectorEnv(num_envs=2, episode_slots=2) as vec, EdgeMineEnv(episode_slots=2) as env:
            vec.reset(seed=[5, 6])
            env.reset(seed=5)
            _, r, _, tr, infos = vec.step(np.ones((2, 2)))
            self.assertFalse(tr.any())
            _, r, te, tr, infos = vec.step(np.ones((2, 2)))
            self.assertTrue(tr.all())
            self.assertFalse(te.any())
            last = vec._observations[0].copy()
            env.step([1, 1])
            np.testing.assert_array_equal(env.step([1, 1])[0], last)
            # The next step resets instead: action ignored (even a NaN is not checked), reward 0, flags and masks clear.
            obs, r, te, tr, infos = vec.step(np.full((2, 2), np.nan))
            np.testing.assert_array_equal(r, [0.0, 0.0])
            self.assertFalse(tr.any() or te.any())
            self.assertFalse(infos["_reward"].any())
            np.testing.assert_array_equal(infos["energy_j"], [0.0, 0.0])
            np.testing.assert_array_equal(obs[0], env.reset()[0])  # the derived seed, as a single env's reset()
            _, r, _, tr, infos = vec.step(np.ones((2, 2)))
            self.assertTrue(infos["_reward"].all())
            self.assertNotEqual(r[0], 0.0)

    def test_a_bad_action_moves_no_environment(self):
        with EdgeMineVectorEnv(num_envs=3) as vec:
            obs, _ = vec.reset(seed=1)
            before = obs.copy()
            actions = np.ones((3, 2))
            actions[2, 1] = np.nan
            with self.assertRaises(edgemine.ActionError) as caught:
                vec.step(actions)
            self.assertEqual(str(caught.exception), "environment 2: action[1] must be an offloading fraction in [0, 1]; got NaN")
            np.testing.assert_array_equal(vec._observations, before)
            with self.assertRaises(edgemine.ActionError) as caught:
                vec.step(np.ones((3, 3)))
            self.assertIn("the actions have shape (3, 3)", str(caught.exception))

    def test_baseline_actions(self):
        with EdgeMineVectorEnv(num_envs=4, miners=1, tasks=3) as vec:
            obs, _ = vec.reset(seed=2)
            np.testing.assert_array_equal(vec.baseline_actions("eo"), np.ones((4, 3)))
            np.testing.assert_array_equal(vec.baseline_actions("go"), np.repeat(obs[:, 6:7], 3, axis=1))
            optimal = vec.baseline_actions("optimal")
            with EdgeMineEnv(miners=1, tasks=3) as env:
                env.reset(seed=3)
                np.testing.assert_array_equal(optimal[1], env.optimal_action())

    def test_num_envs_must_be_positive(self):
        for bad in (0, -1, 1.5, True, "8", 2**31):
            with self.assertRaises(edgemine.ConfigurationError) as caught:
                EdgeMineVectorEnv(num_envs=bad)
            self.assertEqual(f"num_envs {edgemine._native.describe(bad)}: allowed: an integer from 1 to 2147483647 "
                             "(environments in the vector; the library bounds their memory)", str(caught.exception))


if __name__ == "__main__":
    unittest.main()
