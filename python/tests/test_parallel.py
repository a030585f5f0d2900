"""EdgeMineParallelEnv: PettingZoo's parallel API, one agent per miner."""

import math
import unittest

import numpy as np

import edgemine
from edgemine import EdgeMineEnv, EdgeMineParallelEnv


class ParallelEnvTests(unittest.TestCase):
    def test_agents_and_spaces(self):
        env = EdgeMineParallelEnv(miners=3, tasks=2)
        self.assertEqual(env.possible_agents, ["miner_0", "miner_1", "miner_2"])
        self.assertEqual(env.agents, [])
        self.assertEqual(env.metadata["name"], "edgemine_v0")
        for agent in env.possible_agents:
            self.assertEqual(env.observation_space(agent).shape, (5,))
            self.assertEqual(env.action_space(agent).shape, (2,))
            self.assertEqual(env.observation_space(agent).high[4], 1.0)
        with self.assertRaises(edgemine.EdgeMineError):
            env.action_space("miner_7")
        observations, infos = env.reset(seed=1)
        self.assertEqual(env.agents, env.possible_agents)
        self.assertEqual(env.num_agents, 3)
        self.assertEqual(set(observations), set(env.agents))
        self.assertEqual(infos, {a: {} for a in env.agents})
        env.close()

    def test_each_agent_sees_its_block_and_rewards_split_the_slot_reward(self):
        rng = np.random.default_rng(5)
        with EdgeMineEnv(miners=3, tasks=2) as single:
            env = EdgeMineParallelEnv(miners=3, tasks=2)
            observations, _ = env.reset(seed=21)
            state, _ = single.reset(seed=21)
            for _ in range(40):
                for i, agent in enumerate(env.agents):
                    self.assertEqual(observations[agent].tobytes(), state[5 * i:5 * i + 5].tobytes())
                np.testing.assert_array_equal(env.state(), state)
                actions = {agent: rng.integers(0, 2, 2).astype(float) for agent in env.agents}
                observations, rewards, terminations, truncations, infos = env.step(actions)
                state, reward, _, _, info = single.step(np.concatenate([actions[a] for a in env.possible_agents]))
                self.assertTrue(math.isclose(sum(rewards.values()), reward, rel_tol=1e-12, abs_tol=1e-12))
                self.assertEqual(infos["miner_0"]["reward"], reward)
                self.assertEqual(set(terminations.values()), {False})
                self.assertEqual(set(truncations.values()), {False})
            env.close()

    def test_extended_observation_gives_every_agent_the_backlog(self):
        env = EdgeMineParallelEnv(miners=2, tasks=1, extended_observation=True)
        observations, _ = env.reset(seed=2)
        self.assertEqual(env.observation_space("miner_1").shape, (4,))
        self.assertEqual(observations["miner_1"].shape, (4,))
        self.assertEqual(observations["miner_1"][-1], env.state()[-1])
        env.close()

    def test_truncation_ends_the_episode_for_every_agent(self):
        env = EdgeMineParallelEnv(miners=2, tasks=2, episode_slots=2)
        env.reset(seed=3)
        ones = {a: np.ones(2) for a in env.possible_agents}
        self.assertEqual(set(env.step(ones)[3].values()), {False})
        observations, _, _, truncations, _ = env.step(ones)
        self.assertEqual(truncations, {"miner_0": True, "miner_1": True})
        self.assertEqual(set(observations), {"miner_0", "miner_1"})
        self.assertEqual(env.agents, [])
        with self.assertRaises(edgemine.EdgeMineError):
            env.step(ones)
        env.reset()
        self.assertEqual(env.agents, env.possible_agents)
        env.close()

    def test_bad_actions(self):
        env = EdgeMineParallelEnv(miners=2, tasks=2)
        env.reset(seed=3)
        cases = [
            ({"miner_0": [1, 1]}, "actions: no action for agent 'miner_1'; one is needed for each of miner_0, miner_1"),
            ({"miner_0": [1, 1], "miner_1": [1, 1], "miner_9": [0, 0]},
             "actions: unknown agent 'miner_9'; agents: miner_0, miner_1"),
            ({"miner_0": [1, 1], "miner_1": [1, 1, 1]},
             "the action of miner_1 has shape (3,); the miner has 2 tasks, an action of shape (2,) is expected"),
            ({"miner_0": [1, 1], "miner_1": [1, np.nan]}, "action[3] must be an offloading fraction in [0, 1]; got NaN"),
            ([1, 1, 1, 1], "actions: a dict of agent to action is expected, got a list"),
        ]
        for actions, message in cases:
            with self.assertRaises(edgemine.ActionError) as caught:
                env.step(actions)
            self.assertEqual(str(caught.exception), message)
        env.close()


if __name__ == "__main__":
    unittest.main()
