"""EdgeMineParallelEnv: PettingZoo's parallel API, one agent per miner."""

from __future__ import annotations

import numpy as np

from ._native import ActionError, EdgeMineError, describe
from .env import EdgeMineEnv, _rebuild
from .spaces import Box

try:  # pragma: no cover - PettingZoo is optional
    from pettingzoo import ParallelEnv as _Base
except ImportError:  # pragma: no cover
    _Base = object


class EdgeMineParallelEnv(_Base):
    """Each miner is an agent ("miner_0" ... "miner_{N-1}") with its own observation and action (PettingZoo's
    ParallelEnv interface; PettingZoo itself is optional).

    Observation of miner n (float64): its own block of the environment's observation, the D1 and D0 of its M tasks and
    its channel state g (2M + 1 values, what RLO's per-miner learners see, MODEL.md section 7), plus the MEC backlog
    Q / (F dt) when ``extended_observation`` is set. Action of miner n: its M offloading fractions in [0, 1].

    Reward split: the slot reward r = sum over all tasks of (P - C) - deadline_penalty * misses [eq. 18] is split by
    miner, as RLO's per-miner learners split it: miner n gets the sum over its own tasks of (P - C), less
    deadline_penalty for each of its own tasks that missed the deadline. The shares add up to the slot reward (up to
    floating-point rounding of the different summation order). A miner's reward does depend on the other miners'
    actions: they share the MEC's capacity (f = F / K) and its backlog.

    ``infos[agent]`` holds the slot's system metrics (the same dict for every agent). Terminations are always False; when
    the episode is truncated (``episode_slots``), every agent is truncated and ``agents`` becomes empty until ``reset``.
    ``state()`` is the whole environment's observation.

    Pickled or copied, it is rebuilt from its constructor's arguments, as EdgeMineEnv is: a new environment, to reset.
    """

    metadata = {"name": "edgemine_v0", "render_modes": [], "is_parallelizable": True}
    render_mode = None

    def __init__(self, miners=1, tasks=2, beta=0.5, preset="calibrated", config=None, episode_slots=None,
                 extended_observation=False, render_mode=None):
        self._arguments = dict(miners=miners, tasks=tasks, beta=beta, preset=preset, config=config,
                               episode_slots=episode_slots, extended_observation=extended_observation,
                               render_mode=render_mode)
        self.env = EdgeMineEnv(miners=miners, tasks=tasks, beta=beta, preset=preset, config=config,
                               episode_slots=episode_slots, extended_observation=extended_observation,
                               render_mode=render_mode)
        n, m = self.env.miners, self.env.tasks
        self.possible_agents = [f"miner_{i}" for i in range(n)]
        self.agents = []
        self._index = {agent: i for i, agent in enumerate(self.possible_agents)}
        self._per_miner = 2 * m + 1
        self._extended = bool(extended_observation)
        d = self._per_miner + (1 if self._extended else 0)
        high = np.full(d, np.inf)
        high[self._per_miner - 1] = 1.0
        self._observation_space = Box(low=np.zeros(d), high=high, dtype=np.float64)
        self._action_space = Box(low=0.0, high=1.0, shape=(m,), dtype=np.float64)
        self.observation_spaces = {agent: self._observation_space for agent in self.possible_agents}
        self.action_spaces = {agent: self._action_space for agent in self.possible_agents}
        self.state_space = self.env.observation_space
        self._action = np.zeros((n, m))
        self._state = None

    @property
    def num_agents(self):
        return len(self.agents)

    @property
    def max_num_agents(self):
        return len(self.possible_agents)

    def observation_space(self, agent):
        self._agent_index(agent)
        return self._observation_space

    def action_space(self, agent):
        self._agent_index(agent)
        return self._action_space

    def reset(self, seed=None, options=None):
        """Starts an episode; returns ({agent: observation}, {agent: {}})."""
        self._state, _ = self.env.reset(seed=seed, options=options)
        self.agents = list(self.possible_agents)
        return self._observations(), {agent: {} for agent in self.agents}

    def step(self, actions):
        """``actions`` maps every live agent to its M fractions; returns (observations, rewards, terminations,
        truncations, infos), dicts keyed by agent."""
        if not self.agents:
            raise EdgeMineError("no live agents: call reset() before step() (and after a truncation)")
        if not isinstance(actions, dict):
            raise ActionError(f"actions: a dict of agent to action is expected, got {describe(actions)}")
        unknown = [a for a in actions if a not in self._index]
        if unknown:
            raise ActionError(f"actions: unknown agent {describe(unknown[0])}; agents: {', '.join(self.possible_agents)}")
        m = self.env.tasks
        for agent in self.agents:
            if agent not in actions:
                raise ActionError(f"actions: no action for agent {describe(agent)}; one is needed for each of {', '.join(self.agents)}")
            action = np.asarray(actions[agent], dtype=np.float64)
            if action.shape != (m,):
                raise ActionError(f"the action of {agent} has shape {action.shape}; the miner has {m} tasks, "
                                  f"an action of shape ({m},) is expected")
            self._action[self._index[agent]] = action
        self._state, reward, terminated, truncated, info = self.env.step(self._action)
        shares = self.env.miner_rewards()
        agents = self.agents
        observations = self._observations()
        rewards = {agent: float(shares[self._index[agent]]) for agent in agents}
        terminations = {agent: terminated for agent in agents}
        truncations = {agent: truncated for agent in agents}
        infos = {agent: info for agent in agents}
        if terminated or truncated:
            self.agents = []
        return observations, rewards, terminations, truncations, infos

    def state(self):
        """The whole environment's observation (all miners' blocks, then the backlog if extended)."""
        return None if self._state is None else self._state.copy()

    def render(self):
        return None

    def close(self):
        self.env.close()

    def __reduce__(self):
        # As EdgeMineEnv: rebuilt from the constructor's arguments, with a native environment of its own.
        return _rebuild, (type(self), dict(self._arguments))

    def _observations(self):
        s, k = self._state, self._per_miner
        observations = {}
        for agent in self.agents:
            i = self._index[agent]
            block = s[i * k:(i + 1) * k]
            observations[agent] = np.concatenate([block, s[-1:]]) if self._extended else block.copy()
        return observations

    def _agent_index(self, agent):
        try:
            return self._index[agent]
        except KeyError:
            raise EdgeMineError(f"unknown agent {describe(agent)}; agents: {', '.join(self.possible_agents)}") from None
