"""edgemine.evaluate: Python agents beside the baselines, the per-slot optima and trained models, on the same seeds."""

from __future__ import annotations

import ctypes
import json
import math
import os
import shlex
import shutil
import signal
import subprocess
import tempfile
import threading

import numpy as np

from . import _native
from ._native import AGENT_CALLBACK, CANCEL_CHECK, lib
from .env import POLICY_NAMES, _action_shape_error


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


def evaluate(policy=None, miners=1, tasks=2, beta=0.5, runs=20, slots=1000, seed=1000, preset="calibrated", config=None,
             models=(), schemes=()):
    """Evaluates ``policy`` beside NO, EO, GO, Random and the binary and fractional per-slot optima, and beside trained
    models and further schemes when given; returns what ``edgemine evaluate --json`` prints, with the Python policies
    added.

    ``policy``: a callable ``policy(observation) -> action`` (evaluated under the name "agent"), a dict of such callables
    by name (each evaluated under its name, which must not be a baseline's), or None. observation is a fresh float64
    array (EdgeMineEnv's layout), action N M fractions in [0, 1] of shape (N M,) or (N, M), the shapes
    ``EdgeMineEnv.step`` takes (any other is an ActionError, as there). Each policy is called once per slot, in order,
    over ``runs`` runs of ``slots`` slots. Every policy runs through the library's PolicyEvaluation on the same seeds as
    ``edgemine evaluate``: run r resets the environment with ``Derive(RunSeed(seed, r), Environment)``
    (``edgemine.evaluation_seeds(seed, r)[0]``).

    ``models``: directories written by ``edgemine train`` (RLO, DRLO, CMDP, RL-privacy, or a seeds directory), and
    ``schemes``: baselines beyond the default ones (``lookahead``, ``mdp-optimal``, ``upper-bound``, which tune or solve
    per instance). Both are evaluated by the command line itself, ``edgemine evaluate --model DIR ... --policy ...
    --json`` with the same preset, config, N, M, beta, runs, slots and seed, so their numbers are those of that command
    exactly; the baselines of both evaluations are checked to agree run for run. The command is ``$EDGEMINE_CLI`` (split
    as a shell would, e.g. ``dotnet src/EdgeMine.Cli/bin/Release/net10.0/edgemine.dll``) or ``edgemine`` on PATH.

    Ctrl-C (SIGINT) stops it with KeyboardInterrupt within a second, whether ``policy`` is Python or None: the library
    polls for it every few slots (see ``_Interrupts``); the command line evaluating models is killed. Nothing is left
    behind.

    Returns a dict: "configuration" (preset, overrides, miners, tasks, beta, runs, slots, seed), "best_baseline" (the
    best of no, eo, go, random by mean reward), "per_slot_optimum_is_bound" (False where the per-slot optimum's own runs
    carried a buffer or an MEC backlog over: it is then myopic, not a bound, MODEL.md section 13),
    "fractional_per_slot_optimum_is_bound", "optimum_exactness" (per optimum: slots, inexact_slots, largest_gap_bound),
    and "policies": the Python policies, then no, eo, go, random, optimal, optimal-fractional (up to N M = 40), then the
    models (under their algorithm's name, or ``name@directory`` when two share it) and the further schemes. Each has the
    metrics ("reward", "cost", "privacy", "energy_j", "power_w", "latency_s", "latency_per_task_s",
    "deadline_misses", "offloaded_fraction", "mec_backlog_cycles", "buffered_bits"; each {"mean", "ci95_low",
    "ci95_high", "n"}), "optimality_ratio" (R - R_random) / (R_opt - R_random), "headroom_captured"
    (R - R_base) / (R_opt - R_base), "regret_per_task" (R_opt - R) / (N M), all three against "yardstick" (the binary
    optimum "optimal", or "optimal-fractional" for a policy that took a fractional action), "fractional_optimality_ratio"
    (against the fractional optimum, for every policy), "yardstick_is_bound", "above_yardstick" (its paired interval over
    runs above 0), "reward_minus_yardstick" (that interval), "fractional_actions", "reward_per_run" (for
    ``paired_difference``), and a model's notes ("model", "algorithm", "variant", "trained_under", "seeds"). A ratio is
    None when its denominator's 95% interval includes 0 or is below 1e-3 of the mean |reward| (or of the larger |reward| of
    the two it is the difference of, when smaller), or when the ratio is beyond +-100 (off scale: the paired difference
    says how far); non-finite numbers are None.
    """
    agents = _agents(policy)
    request = _native.configuration_json(preset=preset, config=config, miners=miners, tasks=tasks, beta=beta,
                                         runs=runs, slots=slots, seed=seed)
    models = [os.fspath(m) for m in (models or ())]
    schemes = list(schemes or ())
    if agents:
        request = json.dumps({**json.loads(request), "agents": list(agents)}).encode("utf-8")
    result = _evaluate_native(request, agents, preset=preset, config=config, miners=miners, tasks=tasks, beta=beta)
    # The schemes the library's comparison did not run (the sequential references) go to the command line.
    extra = [s for s in schemes if s not in result["policies"]]
    if models or extra:
        baselines = [name for name in result["policies"] if name not in agents]
        cli = _evaluate_cli(models, baselines, extra, preset=preset, config=config, miners=miners, tasks=tasks,
                            beta=beta, runs=runs, slots=slots, seed=seed)
        for name, entry in cli["policies"].items():
            if name in result["policies"] and name not in agents:
                if entry["reward_per_run"] != result["policies"][name]["reward_per_run"]:
                    raise _native.EdgeMineInternalError(
                        f"internal error: baseline {name} differs between the library and the command line")
            elif name not in result["policies"]:
                result["policies"][name] = entry
            else:
                raise _native.ConfigurationError(
                    f"policy name {name!r}: used by a Python policy and a model; allowed: distinct names")
    return result


def paired_difference(result, a, b):
    """The paired difference of rewards R_a - R_b over the runs of ``result`` (an ``evaluate`` result: every policy
    met the same runs), as ``{"mean", "ci95_low", "ci95_high", "n"}``: the mean over runs of a's reward per slot minus
    b's, with its 95% interval (Student's t, computed by the library as ``edgemine evaluate`` does). An interval above 0
    says a beats b beyond noise."""
    policies = result["policies"]
    for name in (a, b):
        if name not in policies:
            raise _native.ConfigurationError(
                f"policy {name!r}: not in this result; allowed: one of {', '.join(policies)}")
    x = np.asarray(policies[a]["reward_per_run"], dtype=np.float64)
    y = np.asarray(policies[b]["reward_per_run"], dtype=np.float64)
    out = np.zeros(3)
    _native.check(lib.edgemine_paired_difference(x.ctypes.data_as(ctypes.POINTER(ctypes.c_double)),
                                                 y.ctypes.data_as(ctypes.POINTER(ctypes.c_double)), len(x),
                                                 out.ctypes.data_as(ctypes.POINTER(ctypes.c_double))))
    return {"mean": float(out[0]), "ci95_low": _finite(out[1]), "ci95_high": _finite(out[2]), "n": len(x)}


def _finite(value):
    return float(value) if math.isfinite(value) else None


def _agents(policy):
    """{name: callable} of ``policy``: a callable is "agent"; a dict keeps its names (strings, none a baseline's)."""
    if policy is None:
        return {}
    if callable(policy):
        return {"agent": policy}
    if isinstance(policy, dict):
        for name, function in policy.items():
            if not isinstance(name, str) or not name or name in POLICY_NAMES:
                raise _native.ConfigurationError(
                    f"policy name {name!r}: allowed: a non-empty string that is no baseline's name "
                    f"({', '.join(POLICY_NAMES)})")
            if not callable(function):
                raise _native.ConfigurationError(f"policy {name!r}: {type(function).__name__} is not callable; "
                                                 "allowed: a callable policy(observation) -> action")
        return dict(policy)
    raise _native.ConfigurationError(f"policy: {type(policy).__name__}; allowed: a callable, a dict of callables "
                                     "by name, or None")


def _evaluate_native(request, agents, **settings):
    """The library's evaluation of the Python policies ``agents`` (in order) and the baselines."""
    failure = []
    keep = [None]
    functions = list(agents.values())
    if functions:
        # The shapes step() takes, (N M,) and (N, M), with N and M as the library reads the arguments (None: defaults).
        n, m = _miners_and_tasks(**settings)
        shapes = ((n * m,), (n, m))

    def agent(state, observation, length, action, action_length):
        try:
            if interrupts.interrupted:
                raise KeyboardInterrupt
            function = functions[state or 0]  # agent i is called with state i (the request's "agents", in order)
            chosen = np.asarray(function(np.ctypeslib.as_array(observation, shape=(length,)).copy()), dtype=np.float64)
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

    callback = AGENT_CALLBACK(agent) if functions else ctypes.cast(None, AGENT_CALLBACK)
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


def cli_command():
    """The command that runs ``edgemine``: ``$EDGEMINE_CLI`` split as a shell would, else ``edgemine`` on PATH."""
    text = os.environ.get("EDGEMINE_CLI")
    if text:
        return shlex.split(text)
    found = shutil.which("edgemine")
    if found:
        return [found]
    raise _native.ConfigurationError(
        "models, schemes: trained models and the sequential references are evaluated by the edgemine command line, "
        "which was not found; allowed: set "
        "EDGEMINE_CLI to its command (e.g. 'dotnet src/EdgeMine.Cli/bin/Release/net10.0/edgemine.dll') or put "
        "edgemine on PATH")


def _evaluate_cli(models, baselines, schemes, preset, config, miners, tasks, beta, runs, slots, seed):
    """``edgemine evaluate --model ... --policy ... --json`` with these settings; its JSON. Its one-line error (exit 2)
    becomes a ConfigurationError; Ctrl-C kills it."""
    arguments = [*cli_command(), "evaluate", "--json"]
    for name, value in (("--preset", preset), ("--miners", miners), ("--tasks", tasks), ("--beta", beta),
                        ("--runs", runs), ("--slots", slots), ("--seed", seed)):
        if value is not None:
            arguments += [name, value if isinstance(value, str) else repr(value)]
    for directory in models:
        arguments += ["--model", directory]
    if schemes:
        arguments += ["--policy", ",".join([*baselines, *schemes])]
    with tempfile.TemporaryDirectory(prefix="edgemine-") as scratch:
        if config:
            path = os.path.join(scratch, "config.json")
            with open(path, "w", encoding="utf-8") as file:
                json.dump(config, file, allow_nan=False)
            arguments += ["--config", path]
        process = subprocess.Popen(arguments, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            output, errors = process.communicate()
        except BaseException:
            process.kill()
            process.wait()
            raise
    if process.returncode == 2:
        message = errors.strip().splitlines()[-1] if errors.strip() else "edgemine evaluate: usage error"
        raise _native.ConfigurationError(message.removeprefix("edgemine: "))
    if process.returncode != 0:
        raise _native.EdgeMineInternalError(f"edgemine evaluate exited with {process.returncode}: {errors.strip()}")
    return json.loads(output.strip().splitlines()[-1])


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
