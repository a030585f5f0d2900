"""EdgeMineEnv: one EdgeMine environment with Gymnasium's interface, stepped in the native library."""

from __future__ import annotations

import ctypes
import secrets
from ctypes import c_double, c_int32, c_int64, c_uint8, c_uint64, c_void_p

import numpy as np

from . import _native
from ._native import ActionError, check, lib
from .spaces import HAVE_GYMNASIUM, Box

if HAVE_GYMNASIUM:  # pragma: no cover - Gymnasium is optional
    import gymnasium

    _Base = gymnasium.Env
else:
    _Base = object

METRIC_NAMES = _native.METRIC_NAMES
POLICY_NAMES = _native.POLICY_NAMES


def _rebuild(cls, arguments):
    """Unpickling: a new environment from the constructor's arguments (see EdgeMineEnv.__reduce__)."""
    return cls(**arguments)


def _action_shape_error(shape, miners, tasks, subject="the action"):
    """The ActionError of an action array of the wrong shape, the same for step() and evaluate()."""
    a = miners * tasks
    return ActionError(f"{subject} has shape {shape}; the environment has {a} tasks, an action of shape ({a},) "
                       f"or ({miners}, {tasks}) is expected")


def _observation_space(shape):
    """[0, inf) for data and backlog, [0, 1] for channel states (ObservationSpace.High of the library)."""
    per_miner, miners = shape["observation_per_miner"], shape["miners"]
    high = np.full(shape["observation_length"], np.inf)
    high[per_miner - 1: miners * per_miner: per_miner] = 1.0
    return Box(low=np.zeros(shape["observation_length"]), high=high, dtype=np.float64)


class EdgeMineEnv(_Base):
    """The EdgeMine environment (MODEL.md sections 3-6), stepped by the C# library compiled to native code.

    Observation (float64, length N (2M + 1), plus 1 with ``extended_observation``): per miner n, the new bits D1 of its
    M tasks and their buffered bits D0 (both in units of ``privacy_unit_bits``), then its channel state g (0 bad, 1
    good); optionally the MEC backlog Q / (F dt) last. Action: N M offloading fractions in [0, 1], index n M + m (an
    array of shape (N M,) or (N, M); the paper's actions are 0 or 1). Reward: sum over tasks of (P - C), less
    ``deadline_penalty`` per deadline miss [eq. 18]. ``terminated`` is always False; ``truncated`` is True every
    ``episode_slots`` slots when that is set. ``info`` holds the slot's metrics (METRIC_NAMES).

    ``reset(seed=s)`` is ``MiningEnvironment.Reset(s)``: observations and rewards equal the C# environment's bit for bit.
    ``reset()`` without a seed continues: the k-th such reset after ``reset(seed=s)`` uses ``SeedMixer.Derive(s, k)``;
    before any seeded reset it draws a seed from the operating system (``episode_seed`` tells which).

    Pickling and ``copy.copy``/``copy.deepcopy`` rebuild the environment from its constructor's arguments (Gymnasium's
    ``EzPickle``, its convention for environments that wrap native code): the copy is a new environment of the same
    configuration, with a native environment of its own, which must be reset; the state of the original is not copied.
    """

    metadata = {"render_modes": []}
    render_mode = None

    def __init__(self, miners=1, tasks=2, beta=0.5, preset="calibrated", config=None, episode_slots=None,
                 extended_observation=False, render_mode=None):
        self._handle = 0
        self._arguments = dict(miners=miners, tasks=tasks, beta=beta, preset=preset, config=config,
                               episode_slots=episode_slots, extended_observation=extended_observation,
                               render_mode=render_mode)
        if render_mode is not None:
            raise _native.ConfigurationError(f"render_mode {_native.describe(render_mode)}: allowed: None (EdgeMine does not render)")
        configuration = _native.configuration_json(
            preset=preset, config=config, miners=miners, tasks=tasks, beta=beta, episode_slots=episode_slots,
            extended_observation=extended_observation)
        self._handle = _native.create_env(configuration)
        shape = _native.shape(lib.edgemine_env_shape, self._handle)
        self.miners, self.tasks = shape["miners"], shape["tasks"]
        self.episode_slots = shape["episode_slots"] or None
        self.observation_space = _observation_space(shape)
        self.action_space = Box(low=0.0, high=1.0, shape=(self.miners * self.tasks,), dtype=np.float64)
        self.spec_kwargs = dict(miners=miners, tasks=tasks, beta=beta, preset=preset, config=config,
                                episode_slots=episode_slots, extended_observation=extended_observation)

        d, a, k = shape["observation_length"], shape["action_length"], shape["metrics_length"]
        self._observation = np.zeros(d)
        self._action = np.zeros(a)
        self._action_matrix = self._action.reshape(self.miners, self.tasks)
        self._action_shapes = ((a,), (self.miners, self.tasks))
        self._metrics = np.zeros(k)
        self._reward = c_double()
        self._flags = c_uint8()
        self._step_arguments = (
            c_int64(self._handle), c_void_p(_native.pointer(self._action)), c_int32(a),
            c_void_p(_native.pointer(self._observation)), c_int32(d), ctypes.byref(self._reward),
            c_void_p(_native.pointer(self._metrics)), c_int32(k), ctypes.byref(self._flags))
        self._seeded = False

    # -- Gymnasium API -------------------------------------------------------------------------------------------

    def reset(self, *, seed=None, options=None):
        """Starts an episode; returns (observation, info). ``options`` is accepted and ignored."""
        self._require_open()
        if seed is not None:
            seed = _native.seed_value(seed)
        if HAVE_GYMNASIUM:  # pragma: no cover - seeds Gymnasium's np_random, which EdgeMine does not use
            super().reset(seed=seed)
        if seed is None and not self._seeded:
            seed = secrets.randbits(64)
        if seed is None:
            check(lib.edgemine_env_reset(self._handle, 0, 0, _native.pointer(self._observation), self._observation.size))
        else:
            check(lib.edgemine_env_reset(self._handle, seed, 1, _native.pointer(self._observation), self._observation.size))
            self._seeded = True
        return self._observation.copy(), {}

    def step(self, action):
        """One slot: returns (observation, reward, terminated, truncated, info); info maps METRIC_NAMES to floats."""
        if type(action) is not np.ndarray:
            action = np.asarray(action, dtype=np.float64)
        shape = action.shape
        if shape == self._action_shapes[0]:
            self._action[:] = action
        elif shape == self._action_shapes[1]:
            self._action_matrix[:] = action
        else:
            self._require_open()
            raise _action_shape_error(shape, self.miners, self.tasks)
        status = _native.fast_env_step(*self._step_arguments)
        if status:
            self._require_open()
            raise _native.error(status)
        return (self._observation.copy(), self._reward.value, False, self._flags.value == 2,
                dict(zip(METRIC_NAMES, self._metrics.tolist())))

    def close(self):
        """Frees the native environment; the object is unusable afterwards. Safe to call twice."""
        if self._handle:
            handle, self._handle = self._handle, 0
            self._step_arguments = (c_int64(0),) + self._step_arguments[1:]
            check(lib.edgemine_env_destroy(handle))

    def render(self):
        return None

    # -- EdgeMine extras -------------------------------------------------------------------------------------------

    @property
    def episode_seed(self) -> int:
        """The seed the current episode was reset with."""
        self._require_open()
        seed = c_uint64(0)
        check(lib.edgemine_env_episode_seed(self._handle, ctypes.byref(seed)))
        return seed.value

    def baseline_action(self, policy: str) -> np.ndarray:
        """The action of a baseline for the current state: one of ``POLICY_NAMES``: "no", "eo", "go", "random",
        "optimal" (the per-slot optimum, computed from the full state: the yardstick of MODEL.md section 7),
        "optimal-fractional", and the sequential references "lookahead" and "mdp-optimal" (docs/sequential.md), which
        are prepared for this environment's instance the first time they are asked (tuned or solved; an instance out
        of their reach raises ConfigurationError)."""
        self._require_open()
        action = np.zeros(self._action.size)
        name = _native.text_argument(policy, "policy")
        check(lib.edgemine_env_policy_action(self._handle, name, len(name), _native.pointer(action), action.size))
        return action

    def optimal_action(self) -> np.ndarray:
        """The per-slot optimum's action for the current state."""
        return self.baseline_action("optimal")

    def miner_rewards(self) -> np.ndarray:
        """The last step's reward split per miner (each miner's tasks' P - C, less its deadline penalties)."""
        self._require_open()
        rewards = np.zeros(self.miners)
        check(lib.edgemine_env_miner_rewards(self._handle, _native.pointer(rewards), self.miners))
        return rewards

    @property
    def unwrapped(self):
        return self

    def __reduce__(self):
        # The handle and the buffers' addresses belong to this process and this object: a pickled or copied
        # environment is rebuilt from the constructor's arguments instead (never shares, never outlives, the original).
        return _rebuild, (type(self), dict(self._arguments))

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
        return f"<EdgeMineEnv N={self.miners} M={self.tasks}{' closed' if not self._handle else ''}>"

    def _require_open(self):
        if not self._handle:
            raise _native.EdgeMineError("the environment is closed")
