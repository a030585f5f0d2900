"""edgemine.evaluate: a Python agent beside the baselines and the per-slot optimum, on the same seeds."""

from __future__ import annotations

import ctypes
import json

import numpy as np

from . import _native
from ._native import AGENT_CALLBACK, lib


def evaluate(policy, miners=1, tasks=2, beta=0.5, runs=20, slots=1000, seed=1000, preset="calibrated", config=None):
    """Evaluates ``policy`` beside NO, EO, GO, Random and the per-slot optimum; returns what ``edgemine evaluate --json``
    prints, with ``policy`` under the key "agent".

    ``policy(observation) -> action``: observation a fresh float64 array (EdgeMineEnv's layout), action N M fractions in
    [0, 1] (shape (N M,) or (N, M)). It is called once per slot, in order, over ``runs`` runs of ``slots`` slots. Every
    policy runs through the library's PolicyEvaluation on the same seeds as ``edgemine evaluate``: run r resets the
    environment with ``Derive(RunSeed(seed, r), Environment)`` (``edgemine.evaluation_seeds(seed, r)[0]``), and its
    metrics are accumulated by the same native code for the agent as for the baselines. ``policy=None`` evaluates the
    baselines alone.

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

    def agent(_state, observation, length, action, action_length):
        try:
            chosen = policy(np.ctypeslib.as_array(observation, shape=(length,)).copy())
            chosen = np.ascontiguousarray(chosen, dtype=np.float64).reshape(-1)
            keep[0] = chosen  # alive until the next call, while the library reads it
            action[0] = chosen.ctypes.data_as(ctypes.POINTER(ctypes.c_double))
            action_length[0] = chosen.size
            return 0
        except BaseException as e:  # noqa: BLE001 - re-raised below, after the library has unwound
            failure.append(e)
            return 1

    callback = AGENT_CALLBACK(agent) if policy is not None else ctypes.cast(None, AGENT_CALLBACK)
    result = ctypes.POINTER(ctypes.c_char)()
    length = ctypes.c_int32(0)
    status = lib.edgemine_evaluate(request, len(request), callback, None, ctypes.byref(result), ctypes.byref(length))
    if status:
        if failure:
            raise failure[0]
        raise _native.error(status)
    try:
        text = ctypes.string_at(result, length.value).decode("utf-8")
    finally:
        lib.edgemine_free(result)
    return json.loads(text)


def evaluation_seeds(seed, run):
    """(environment seed, policy seed) of run ``run`` of an evaluation seeded with ``seed`` (PolicyEvaluation's)."""
    return _native.evaluation_seeds(seed, run)
