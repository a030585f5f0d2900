"""The C ABI of libedgemine.so (src/EdgeMine.Native, declared in src/EdgeMine.Native/edgemine.h) through ctypes.

The only module that calls the library. Every call returns a status code; a non-zero one becomes the Python exception
of that code, carrying the library's one-line message (the wording of the ``edgemine`` command line's errors).
"""

from __future__ import annotations

import ctypes
import json
import math
import numbers
import os
import unicodedata
from ctypes import POINTER, c_char_p, c_double, c_int32, c_int64, c_uint8, c_uint64, c_void_p

__all__ = [
    "EdgeMineError",
    "ConfigurationError",
    "ActionError",
    "ResetNeeded",
    "EdgeMineInternalError",
]

LIBRARY_NAME = "libedgemine.so"
ABI_VERSION = 2

# Status codes of edgemine.h.
STATUS_CANCELLED = 7

# UserInput.QuoteLimit of the C# library: the longest piece of a user's value echoed in a message.
QUOTE_LIMIT = 200
INT32_MAX = 2**31 - 1


class EdgeMineError(ValueError):
    """Bad input to EdgeMine: the message is the library's one line (as the command line prints it after 'edgemine: ')."""

    code = 3


class ConfigurationError(EdgeMineError):
    """Unknown config key, value out of range, unknown preset, bad miners/tasks/beta/episode_slots/runs/slots/seed."""

    code = 1


class ActionError(EdgeMineError):
    """An action of the wrong length, or a value that is NaN or outside [0, 1]."""

    code = 2


class ResetNeeded(EdgeMineError, RuntimeError):
    """The environment was stepped before its first reset."""

    code = 4


class EdgeMineInternalError(RuntimeError):
    """A bug in the native library (reported as one line with the exception type)."""

    code = 6


_ERRORS = {1: ConfigurationError, 2: ActionError, 3: EdgeMineError, 4: ResetNeeded, 6: EdgeMineInternalError}

_NAMED_ESCAPES = {"\0": "\\0", "\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _bounded(text: str, quoted: bool) -> str:
    """UserInput.Quote's rule (quoted) or UserInput.Message's (not), character for character: lengths count UTF-16 units
    as C# does, control, format and separator characters and lone surrogates of the BMP become escapes."""
    units = 0
    out = ["'"] if quoted else []
    total = len(text.encode("utf-16-le", "surrogatepass")) // 2
    for c in text:
        width = 2 if ord(c) > 0xFFFF else 1
        if units + width > QUOTE_LIMIT:
            break
        units += width
        if c in _NAMED_ESCAPES:
            out.append(_NAMED_ESCAPES[c])
        elif quoted and c in "'\\":
            out.append("\\" + c)
        elif ord(c) <= 0xFFFF and (unicodedata.category(c) in ("Cc", "Cf", "Cs") or c in "\u2028\u2029"):
            out.append(f"\\u{ord(c):04X}")
        else:
            out.append(c)
    if quoted:
        out.append("'")
    if units < total:
        out.append(f"... ({total} characters)")
    return "".join(out)


def quote(text: str) -> str:
    """A user's text in a message, by the library's one rule (UserInput.Quote): between single quotes, on one line,
    control characters (NUL included) shown as escapes, cut after 200 characters with its length stated."""
    return _bounded(str(text), quoted=True)


def describe(value) -> str:
    """A user's value of any type in a message, bounded: text by :func:`quote`; an integer or a float as Python writes it
    (an integer too long to write, by its number of digits); anything else by its type."""
    if isinstance(value, str):
        return quote(value)
    if isinstance(value, bool) or value is None:
        return repr(value)
    if isinstance(value, numbers.Integral):
        value = int(value)
        if value.bit_length() > 3 * QUOTE_LIMIT:  # more than about 180 digits: too long to write out in a message
            return f"an integer of {int(value.bit_length() * math.log10(2)) + 1} digits"
        return _bounded(str(value), quoted=False)
    if isinstance(value, numbers.Real):
        return _bounded(repr(float(value)), quoted=False)
    return f"a {_bounded(type(value).__name__, quoted=False)}"


def integer(value, name: str, minimum: int, maximum: int, meaning: str) -> int:
    """``value`` as an int for a C integer parameter, checked before the call: an integer (a bool or a float is not one,
    1.9 is not 1) in [minimum, maximum], else a ConfigurationError naming ``name``; nothing is truncated."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or not minimum <= int(value) <= maximum:
        raise ConfigurationError(f"{name} {describe(value)}: allowed: an integer from {minimum} to {maximum} ({meaning})")
    return int(value)


def text_argument(value, name: str) -> bytes:
    """A str for a (pointer, int32 length) pair of the ABI, as UTF-8: its length is checked against int32 before the call."""
    if not isinstance(value, str):
        raise EdgeMineError(f"{name} {describe(value)}: allowed: a str")
    data = value.encode("utf-8", "surrogatepass")
    if len(data) > INT32_MAX:
        raise EdgeMineError(f"{name}: {len(data)} bytes; allowed: at most {INT32_MAX} (the ABI's 32-bit length)")
    return data


def library_path() -> str:
    """Where the native library is looked for: $EDGEMINE_NATIVE_LIBRARY, else beside this file."""
    return os.environ.get("EDGEMINE_NATIVE_LIBRARY") or os.path.join(os.path.dirname(os.path.abspath(__file__)), LIBRARY_NAME)


def _load():
    path = library_path()
    if not os.path.exists(path):
        raise ImportError(
            f"edgemine: the native library {path} is missing; build it with scripts/build-python.sh "
            "(needs the .NET SDK, clang and zlib1g-dev)"
        )
    return ctypes.CDLL(path)


# CDLL releases the GIL during calls (vector steps, evaluations that call back into Python).
lib = _load()
# The single-environment step is called through PyDLL (keeps the GIL: no release and re-acquisition) without argtypes
# (its arguments are passed as ready-made ctypes objects: no conversion per call): 0.37 us a call instead of 0.6 us.
fast_env_step = ctypes.PyDLL(library_path()).edgemine_env_step
fast_env_step.restype = c_int32

_I32 = c_int32
_P = c_void_p
AGENT_CALLBACK = ctypes.CFUNCTYPE(c_int32, c_void_p, POINTER(c_double), c_int32, POINTER(POINTER(c_double)), POINTER(c_int32))
# edgemine_cancel_check: polled by long calls; non-zero cancels the call (EDGEMINE_CANCELLED).
CANCEL_CHECK = ctypes.CFUNCTYPE(c_int32, c_void_p)

_SIGNATURES = {
    "edgemine_abi_version": ([], _I32),
    "edgemine_last_error": ([c_char_p, _I32], _I32),
    "edgemine_metric_names": ([c_char_p, _I32], _I32),
    "edgemine_policy_names": ([c_char_p, _I32], _I32),
    "edgemine_live_handles": ([], _I32),
    "edgemine_allocated_bytes": ([], c_int64),
    "edgemine_env_create": ([c_char_p, _I32, POINTER(c_int64)], _I32),
    "edgemine_env_destroy": ([c_int64], _I32),
    "edgemine_env_shape": ([c_int64, POINTER(c_int32), _I32], _I32),
    "edgemine_env_reset": ([c_int64, c_uint64, _I32, _P, _I32], _I32),
    "edgemine_env_episode_seed": ([c_int64, POINTER(c_uint64)], _I32),
    "edgemine_env_step": ([c_int64, _P, _I32, _P, _I32, _P, _P, _I32, _P], _I32),
    "edgemine_env_miner_rewards": ([c_int64, _P, _I32], _I32),
    "edgemine_env_policy_action": ([c_int64, c_char_p, _I32, _P, _I32], _I32),
    "edgemine_vec_create": ([c_char_p, _I32, _I32, POINTER(c_int64)], _I32),
    "edgemine_vec_destroy": ([c_int64], _I32),
    "edgemine_vec_shape": ([c_int64, POINTER(c_int32), _I32], _I32),
    "edgemine_vec_reset": ([c_int64, _P, _I32, _P, _I32], _I32),
    "edgemine_vec_step": ([c_int64, _P, _I32, _P, _I32, _P, _P, _P, _P, _I32], _I32),
    "edgemine_vec_policy_actions": ([c_int64, c_char_p, _I32, _P, _I32], _I32),
    "edgemine_evaluation_seeds": ([c_uint64, _I32, POINTER(c_uint64), POINTER(c_uint64)], _I32),
    "edgemine_evaluate": ([c_char_p, _I32, AGENT_CALLBACK, _P, CANCEL_CHECK, _P, POINTER(POINTER(ctypes.c_char)),
                           POINTER(c_int32)], _I32),
    "edgemine_free": ([_P], None),
    "edgemine_paired_difference": ([POINTER(c_double), POINTER(c_double), _I32, POINTER(c_double)], _I32),
}
for _name, (_args, _result) in _SIGNATURES.items():
    _function = getattr(lib, _name)
    _function.argtypes = _args
    _function.restype = _result

if lib.edgemine_abi_version() != ABI_VERSION:
    raise ImportError(
        f"edgemine: {library_path()} has ABI version {lib.edgemine_abi_version()}, this package needs {ABI_VERSION}; "
        "rebuild it with scripts/build-python.sh"
    )


def _text(function) -> str:
    size = 512
    while True:
        buffer = ctypes.create_string_buffer(size)
        needed = function(buffer, size)
        if needed < size:
            # The returned length, not the first NUL: the library shows a NUL as "\0", but a message is never cut short.
            return buffer.raw[:needed].decode("utf-8", "replace")
        size = needed + 1


def last_error() -> str:
    """This thread's last error message from the library."""
    return _text(lib.edgemine_last_error)


def error(status: int) -> Exception:
    """The exception of a non-zero status code, with the library's message."""
    return _ERRORS.get(status, EdgeMineInternalError)(last_error())


def check(status: int) -> None:
    if status:
        raise error(status)


METRIC_NAMES = tuple(_text(lib.edgemine_metric_names).split(","))
POLICY_NAMES = tuple(_text(lib.edgemine_policy_names).split(","))

# Shape fields of edgemine_env_shape / edgemine_vec_shape.
SHAPE_FIELDS = ("miners", "tasks", "observation_length", "action_length", "metrics_length", "episode_slots",
                "observation_per_miner", "extended_observation", "count")


# Every number of a configuration fits a double (at most about 1.8e308) or a 64-bit integer: an integer of more bits than a
# double's range cannot be valid, and Python cannot even write one of more than 4,300 digits as JSON.
_MAX_JSON_INTEGER_BITS = 1024


def _plain(value, name):
    """A value JSON can carry: numpy scalars as Python numbers, non-finite floats as strings (which the library refuses
    with its own message, naming the key and what it allows), containers recursively. An integer beyond any double is
    refused here, naming ``name``."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, numbers.Integral):
        value = int(value)
        if value.bit_length() > _MAX_JSON_INTEGER_BITS:
            raise ConfigurationError(f"{name} {describe(value)}: allowed: a number within the range of a double "
                                     "(every EdgeMine setting is, and the library checks its own range)")
        return value
    if isinstance(value, numbers.Real):
        value = float(value)
        return value if math.isfinite(value) else repr(value).replace("inf", "Infinity").replace("nan", "NaN")
    if isinstance(value, dict):
        return {str(k): _plain(v, f"{name}: key {quote(str(k))}") for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v, name) for v in value]
    return str(value)


def configuration_json(**settings) -> bytes:
    """The UTF-8 JSON configuration the library parses (see EnvironmentConfiguration.cs); None members are left out."""
    text = json.dumps({k: _plain(v, k) for k, v in settings.items() if v is not None}, allow_nan=False).encode("utf-8")
    if len(text) > INT32_MAX:
        raise ConfigurationError(f"configuration: {len(text)} bytes of JSON; allowed: at most {INT32_MAX} (the ABI's "
                                 "32-bit length; the library itself reads at most 1 MiB)")
    return text


def shape(function, handle) -> dict:
    values = (c_int32 * len(SHAPE_FIELDS))()
    check(function(handle, values, len(SHAPE_FIELDS)))
    return dict(zip(SHAPE_FIELDS, values))


def create_env(configuration: bytes) -> int:
    handle = c_int64(0)
    check(lib.edgemine_env_create(configuration, len(configuration), ctypes.byref(handle)))
    return handle.value


def create_vector(configuration: bytes, count: int) -> int:
    handle = c_int64(0)
    count = integer(count, "num_envs", 1, INT32_MAX, "environments in the vector; the library bounds their memory")
    check(lib.edgemine_vec_create(configuration, len(configuration), count, ctypes.byref(handle)))
    return handle.value


def pointer(array) -> int:
    """The address of a C-contiguous numpy array's data."""
    return array.__array_interface__["data"][0]


def seed_value(seed, name="seed") -> int:
    """A seed as the library takes it: an integer in [0, 2^64 - 1], or a ConfigurationError in the library's wording."""
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral) or not 0 <= int(seed) < 2**64:
        raise ConfigurationError(f"{name} {describe(seed)}: allowed: an integer in [0, 2^64 - 1]")
    return int(seed)


def evaluation_seeds(seed: int, run: int) -> tuple[int, int]:
    """(environment seed, policy seed) of run ``run`` of an evaluation seeded with ``seed``, as PolicyEvaluation derives
    them: Derive(RunSeed(seed, run), Streams.Environment) and Derive(RunSeed(seed, run), Streams.Policy)."""
    environment, policy = c_uint64(0), c_uint64(0)
    seed, run = seed_value(seed), integer(run, "run", 0, INT32_MAX, "the evaluation run, counted from 0")
    check(lib.edgemine_evaluation_seeds(seed, run, ctypes.byref(environment), ctypes.byref(policy)))
    return environment.value, policy.value


def allocated_bytes() -> int:
    """Bytes the library's managed code has allocated on this thread so far (its steps allocate none)."""
    return lib.edgemine_allocated_bytes()


def live_handles() -> int:
    """Environments and vector environments alive in the library (a leak check)."""
    return lib.edgemine_live_handles()
