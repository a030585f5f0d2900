"""edgemine.evaluate: a Python agent beside the baselines and the per-slot optimum, on the same seeds."""

from __future__ import annotations

import ctypes
import json
import signal
import threading

import numpy as np

from . import _native
from ._native import AGENT_CALLBACK, CANCEL_CHECK, lib
from .env import _action_shape_error


class _Interrupts:
    """Ctrl-C during a native call. Python runs a signal handler only when its main thread runs Python code, and an
    exception raised inside a ctypes callback is lost (printed and ignored), so the default handler cannot simply raise
    there. For the duration of the call, SIGINT (when it has Python's default handler, in the main thread) only records
    the interrupt; the library polls for it every few slots through a callback, whose Python code lets the handler run,
    and stops; KeyboardInterrupt is raised once the call has returned and the handler is restored."""

    def __init__(self):
        self.interrupted = False
        self._previous = None

    def __enter__(self):
        if threading.current_thread() is threading.main_thread() and \
                signal.getsignal(signal.SIGINT) is signal.default_int_handler:
            self._previous = signal.signal(signal.SIGINT, self._record)
        return self

    def _record(self, _signum, _frame):
        self.interrupted = True

    def __exit__(self, *exc):
        if self._previous is not None:
            signal.signal(signal.SIGINT, self._previous)
        return False


def _cancel_requested(interrupts):
    """Asked by the library every few slots of an evaluation (about every 1,024 task-slots: 512 slots at N M = 2, every
    slot from N M = 1,024): True stops it. The tests replace it to cancel after a known number of polls."""
    return interrupts.interrupted


def evaluate(policy, miners=1, tasks=2, beta=0.5, runs=20, slots=1000, seed=1000, preset="calibrated", config=None):
    """Evaluates ``policy`` beside NO, EO, GO, Random and the per-slot optimum; returns what ``edgemine evaluate --json``
    prints, with ``policy`` under the key "agent".

    ``policy(observation) -> action``: observation a fresh float64 array (EdgeMineEnv's layout), action N M fractions in
    [0, 1] of shape (N M,) or (N, M), the shapes ``EdgeMineEnv.step`` takes (any other is an ActionError, as there). It
    is called once per slot, in order, over ``runs`` runs of ``slots`` slots. Every
    policy runs through the library's PolicyEvaluation on the same seeds as ``edgemine evaluate``: run r resets the
    environment with ``Derive(RunSeed(seed, r), Environment)`` (``edgemine.evaluation_seeds(seed, r)[0]``), and its
    metrics are accumulated by the same native code for the agent as for the baselines. ``policy=None`` evaluates the
    baselines alone.

    Ctrl-C (SIGINT) stops it with KeyboardInterrupt within a second, whether ``policy`` is Python or None: the library
    polls for it every few slots (see ``_Interrupts``). Nothing is left behind.

    Returns a dict: "configuration" (preset, overrides, miners, tasks, beta, runs, slots, seed), "best_baseline" (the
    best of no, eo, go, random by mean reward), and "policies": for each of agent, no, eo, go, random, optimal, the
    metrics ("reward", "cost", "privacy", "energy_j", "power_w", "latency_s", "latency_per_task_s", "deadline_misses",
    "offloaded_fraction", "mec_backlog_cycles"; each {"mean", "ci95_low", "ci95_high", "n"}), "optimality_ratio"
    (R - R_random) / (R_opt - R_random), "headroom_captured" (R - R_base) / (R_opt - R_base), "regret_per_task"
    (R_opt - R) / (N M) and "fractional_optimality_ratio" (None for now). Non-finite numbers are None.
    """
    request = _native.configuration_json(preset=preset, config=config, miners=miners, tasks=tasks, beta=beta,
                                         runs=runs, slots=slots, seed=seed)
    failure = []
    keep = [None]
    if policy is not None:
        # The shapes step() takes, (N M,) and (N, M), with N and M as the library reads the arguments (None: defaults).
        n, m = _miners_and_tasks(preset=preset, config=config, miners=miners, tasks=tasks, beta=beta)
        shapes = ((n * m,), (n, m))

    def agent(_state, observation, length, action, action_length):
        try:
            if interrupts.interrupted:
                raise KeyboardInterrupt
            chosen = np.asarray(policy(np.ctypeslib.as_array(observation, shape=(length,)).copy()), dtype=np.float64)
            if chosen.shape not in shapes:
                raise _action_shape_error(chosen.shape, n, m, subject="the action")
            chosen = np.ascontiguousarray(chosen).reshape(-1)
            keep[0] = chosen  # alive until the next call, while the library reads it
            action[0] = chosen.ctypes.data_as(ctypes.POINTER(ctypes.c_double))
            action_length[0] = chosen.size
            return 0
        except BaseException as e:  # noqa: BLE001 - re-raised below, after the library has unwound
            failure.append(e)
            return 1

    def poll(_state):
        try:
            return 1 if _cancel_requested(interrupts) else 0
        except BaseException as e:  # noqa: BLE001 - re-raised below
            failure.append(e)
            return 1

    callback = AGENT_CALLBACK(agent) if policy is not None else ctypes.cast(None, AGENT_CALLBACK)
    cancel = CANCEL_CHECK(poll)
    result = ctypes.POINTER(ctypes.c_char)()
    length = ctypes.c_int32(0)
    with _Interrupts() as interrupts:
        status = lib.edgemine_evaluate(request, len(request), callback, None, cancel, None, ctypes.byref(result),
                                       ctypes.byref(length))
    if status:
        lib.edgemine_free(result)  # null on failure; freed all the same
        if failure:
            raise failure[0]
        if status == _native.STATUS_CANCELLED:
            raise KeyboardInterrupt
        raise _native.error(status)
    if interrupts.interrupted:  # Ctrl-C after the last poll: the result is dropped, as Ctrl-C asks
        lib.edgemine_free(result)
        raise KeyboardInterrupt
    try:
        text = ctypes.string_at(result, length.value).decode("utf-8")
    finally:
        lib.edgemine_free(result)
    return json.loads(text)


def _miners_and_tasks(**settings):
    """(N, M) of the environment these settings make, read from the library (which checks them, as the evaluation would)."""
    handle = _native.create_env(_native.configuration_json(**settings))
    try:
        shape = _native.shape(lib.edgemine_env_shape, handle)
    finally:
        _native.check(lib.edgemine_env_destroy(handle))
    return shape["miners"], shape["tasks"]


def evaluation_seeds(seed, run):
    """(environment seed, policy seed) of run ``run`` of an evaluation seeded with ``seed`` (PolicyEvaluation's)."""
    return _native.evaluation_seeds(seed, run)
