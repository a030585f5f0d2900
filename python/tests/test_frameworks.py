"""With Gymnasium and PettingZoo installed: their own checkers accept EdgeMine. Skipped when they are not importable
(neither is on Debian's archive, so CI skips these; they were run by hand against Gymnasium 1.4 and PettingZoo's
sources, see docs/python.md)."""

import unittest

import numpy as np

import edgemine

try:
    import gymnasium
except ImportError:
    gymnasium = None

try:
    import pettingzoo
except ImportError:
    pettingzoo = None


@unittest.skipIf(gymnasium is None, "Gymnasium is not installed")
class GymnasiumTests(unittest.TestCase):
    def test_env_checker_and_registration(self):
        from gymnasium.utils.env_checker import check_env

        self.assertIsInstance(edgemine.EdgeMineEnv().observation_space, gymnasium.spaces.Box)
        env = gymnasium.make("EdgeMine-v0", miners=2, tasks=2)
        check_env(env.unwrapped, skip_render_check=True)
        env.reset(seed=1)
        env.step(env.action_space.sample())
        env.close()

    def test_make_vec_and_sync_vector_env_agree_with_ours(self):
        vec = gymnasium.make_vec("EdgeMine-v0", num_envs=4, vectorization_mode="vector_entry_point")
        self.assertIsInstance(vec, edgemine.EdgeMineVectorEnv)
        self.assertEqual(vec.metadata["autoreset_mode"], gymnasium.vector.AutoresetMode.NEXT_STEP)
        vec.close()
        sync = gymnasium.vector.SyncVectorEnv([lambda: edgemine.EdgeMineEnv(episode_slots=2) for _ in range(3)])
        ours = edgemine.EdgeMineVectorEnv(num_envs=3, episode_slots=2)
        np.testing.assert_array_equal(sync.reset(seed=10)[0], ours.reset(seed=10)[0])
        for _ in range(4):  # through one autoreset: both follow next-step autoreset
            a = np.ones((3, 2))
            s, o = sync.step(a), ours.step(a)
            for x, y in zip(s[:4], o[:4]):
                np.testing.assert_array_equal(x, y)
        sync.close()
        ours.close()


@unittest.skipIf(pettingzoo is None, "PettingZoo is not installed")
class PettingZooTests(unittest.TestCase):
    def test_parallel_api_test(self):
        from pettingzoo.test import parallel_api_test

        parallel_api_test(edgemine.EdgeMineParallelEnv(miners=3, tasks=2, episode_slots=50), num_cycles=200)


if __name__ == "__main__":
    unittest.main()
