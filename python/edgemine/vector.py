"""EdgeMineVectorEnv: B EdgeMine environments stepped in one native call, Gymnasium's VectorEnv conventions."""

from __future__ import annotations

import secrets

import numpy as np

from . import _native
from ._native import ActionError, check, lib
from .env import METRIC_NAMES, _observation_space
from .spaces import HAVE_GYMNASIUM, Box

if HAVE_GYMNASIUM:  # pragma: no cover - Gymnasium is optional
    import gymnasium.vector

    _Base = gymnasium.vector.VectorEnv
    try:
        _NEXT_STEP = gymnasium.vector.AutoresetMode.NEXT_STEP
    except AttributeError:
        _NEXT_STEP = "next_step"
else:
    _Base = object
    _NEXT_STEP = "next_step"


class EdgeMineVectorEnv(_Base):
    """``num_envs`` environments of one configuration, stepped together by one native call.

    ``step(actions)`` takes a (B, N M) array (or (B, N, M)) and returns ``(observations, rewards, terminations,
    truncations, infos)``: observations (B, D) float64, rewards (B,) float64, terminations and truncations (B,) bool,
    and infos a dict of (B,) arrays, one per metric of METRIC_NAMES, each with its ``"_name"`` mask (Gymnasium's
    vector-info convention).

    No copy per step: the arrays returned are the vector's own buffers, which the native step writes in place; they are
    overwritten by the next ``step`` or ``reset`` (copy what you keep, e.g. ``obs.copy()`` into a replay buffer).

    Autoreset (``metadata["autoreset_mode"]``): Gymnasium's default, next-step. The step that ends an episode (truncated,
    every ``episode_slots`` slots; EdgeMine never terminates) returns that episode's last observation; the next step of
    that environment ignores its action, resets it and returns the first observation of the next episode with reward 0,
    both flags False and its info masks False. Without ``episode_slots`` the process is continuing and never resets.

    Seeds: ``reset(seed=s)`` seeds environment i with ``s + i`` (Gymnasium's rule), ``reset(seed=[s0, s1, ...])`` with
    one seed each; environment i then equals ``EdgeMineEnv().reset(seed=s + i)`` bit for bit. ``reset()`` and autoresets
    continue each environment with its next derived seed (as ``EdgeMineEnv.reset()``).

    Memory: the library refuses, before allocating anything, a vector whose environments would hold more than its
    budget (1 GiB, counted as 2 KiB per environment plus 256 bytes per task: ``num_envs`` x (2048 + 256 N M) bytes).

    It cannot be pickled or copied (a TypeError says so): its buffers and native environments belong to this process.
    Pickle a factory instead, as Gymnasium's vector environments do with their environment functions, e.g.
    ``functools.partial(EdgeMineVectorEnv, num_envs=64, miners=2)``.
    """

    metadata = {"autoreset_mode": _NEXT_STEP, "render_modes": []}
    render_mode = None

    def __init__(self, num_envs=1024, miners=1, tasks=2, beta=0.5, preset="calibrated", config=None,
                 episode_slots=None, extended_observation=False, info_metrics=True):
        self._handle = 0
        configuration = _native.configuration_json(
            preset=preset, config=config, miners=miners, tasks=tasks, beta=beta, episode_slots=episode_slots,
            extended_observation=extended_observation)
        self._handle = _native.create_vector(configuration, num_envs)
        shape = _native.shape(lib.edgemine_vec_shape, self._handle)
        self.num_envs = b = shape["count"]
        self.miners, self.tasks = shape["miners"], shape["tasks"]
        self.episode_slots = shape["episode_slots"] or None
        d, a, k = shape["observation_length"], shape["action_length"], shape["metrics_length"]
        self.single_observation_space = _observation_space(shape)
        self.single_action_space = Box(low=0.0, high=1.0, shape=(a,), dtype=np.float64)
        self.observation_space = Box(low=np.zeros((b, d)), high=np.broadcast_to(self.single_observation_space.high, (b, d)),
                                     dtype=np.float64)
        self.action_space = Box(low=0.0, high=1.0, shape=(b, a), dtype=np.float64)

        self._observations = np.zeros((b, d))
        self._actions = np.zeros((b, a))
        self._action_views = {(b, a): self._actions, (b, self.miners, self.tasks): self._actions.reshape(b, self.miners, self.tasks),
                              (b * a,): self._actions.reshape(-1)}
        self._rewards = np.zeros(b)
        self._terminations = np.zeros(b, dtype=np.bool_)
        self._truncations = np.zeros(b, dtype=np.bool_)
        self._metrics = np.zeros((b, k)) if info_metrics else None
        self._valid = np.ones(b, dtype=np.bool_)
        self._infos = {}
        if info_metrics:
            for i, name in enumerate(METRIC_NAMES):
                self._infos[name] = self._metrics[:, i]
                self._infos["_" + name] = self._valid
        p = _native.pointer
        self._step_arguments = (
            self._handle, p(self._actions), self._actions.size, p(self._observations), self._observations.size,
            p(self._rewards), p(self._terminations), p(self._truncations),
            p(self._metrics) if info_metrics else None, self._metrics.size if info_metrics else 0)
        self._seeded = False
        self.closed = False

    def reset(self, *, seed=None, options=None):
        """Resets every environment; returns (observations, infos) (infos is empty). See the class doc for seeds."""
        self._require_open()
        b = self.num_envs
        if seed is None and not self._seeded:
            seed = [secrets.randbits(64) for _ in range(b)]
        if seed is None:
            check(lib.edgemine_vec_reset(self._handle, None, 0, _native.pointer(self._observations), self._observations.size))
        else:
            if isinstance(seed, (list, tuple, np.ndarray)):
                if len(seed) != b:
                    raise _native.ConfigurationError(f"seed: {len(seed)} seeds given; allowed: one per environment ({b})")
                seeds = [_native.seed_value(s) for s in seed]
            else:
                first = _native.seed_value(seed)
                seeds = [_native.seed_value(first + i, "seed + i") for i in range(b)]
            array = np.array(seeds, dtype=np.uint64)
            check(lib.edgemine_vec_reset(self._handle, _native.pointer(array), b, _native.pointer(self._observations),
                                         self._observations.size))
            self._seeded = True
        self._truncations[:] = False
        self._valid[:] = True
        return self._observations, {}

    def step(self, actions):
        """One slot of every environment; see the class doc for what is returned and for autoreset."""
        if type(actions) is not np.ndarray:
            actions = np.asarray(actions, dtype=np.float64)
        view = self._action_views.get(actions.shape)
        if view is None:
            self._require_open()
            b, a = self._actions.shape
            raise ActionError(
                f"the actions have shape {actions.shape}; the vector has {b} environments x {a} tasks, actions of shape "
                f"({b}, {a}) or ({b}, {self.miners}, {self.tasks}) are expected")
        view[...] = actions
        np.logical_not(self._truncations, out=self._valid)  # environments that autoreset in this step get masks False
        status = lib.edgemine_vec_step(*self._step_arguments)
        if status:
            self._require_open()
            raise _native.error(status)
        return self._observations, self._rewards, self._terminations, self._truncations, dict(self._infos)

    def baseline_actions(self, policy: str) -> np.ndarray:
        """A baseline's action ("no", "eo", "go", "random", "optimal") for every environment's current state, (B, N M)."""
        self._require_open()
        actions = np.zeros_like(self._actions)
        name = _native.text_argument(policy, "policy")
        check(lib.edgemine_vec_policy_actions(self._handle, name, len(name), _native.pointer(actions), actions.size))
        return actions

    def close(self, **kwargs):
        """Frees the native environments. Safe to call twice."""
        if self._handle:
            handle, self._handle = self._handle, 0
            self._step_arguments = (0,) + self._step_arguments[1:]
            self.closed = True
            check(lib.edgemine_vec_destroy(handle))

    def render(self):
        return None

    @property
    def unwrapped(self):
        return self

    def __reduce_ex__(self, protocol):
        # pickle, copy.copy and copy.deepcopy all come here. A copy would share the native environments and write into
        # the original's buffers (and close them when collected); unpickled elsewhere, its addresses mean nothing.
        raise TypeError(
            "EdgeMineVectorEnv cannot be pickled or copied: its environments and buffers live in this process's native "
            "library. Pickle or copy a factory instead (Gymnasium's vector environments pickle their environment "
            "functions, not their environments), e.g. functools.partial(edgemine.EdgeMineVectorEnv, num_envs=64, "
            "miners=2), and build the vector where it is needed")

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    def __del__(self):
        try:
            self.close()
        except Exception:  # noqa: BLE001 - never raise from a finaliser
            pass

    def __repr__(self):
        return f"<EdgeMineVectorEnv B={self.num_envs} N={self.miners} M={self.tasks}{' closed' if not self._handle else ''}>"

    def _require_open(self):
        if not self._handle:
            raise _native.EdgeMineError("the vector environment is closed")
