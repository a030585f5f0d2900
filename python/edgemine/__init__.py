"""EdgeMine from Python: the mobile-blockchain MEC offloading environment of Nguyen et al. (IEEE TNSM 2020), its
baselines and per-slot optimum, stepped by the C# library compiled to native code (NativeAOT) and called via ctypes.

- :class:`EdgeMineEnv`: one environment, Gymnasium's interface (registered as "EdgeMine-v0" when Gymnasium is there).
- :class:`EdgeMineVectorEnv`: B environments stepped in one native call, Gymnasium's VectorEnv conventions.
- :class:`EdgeMineParallelEnv`: PettingZoo's parallel API, one agent per miner.
- :func:`evaluate`: Python policies beside NO, EO, GO, Random, the per-slot optima and trained models, as
  ``edgemine evaluate``; :func:`paired_difference` compares any two of them on their common runs.

See docs/python.md.
"""

from ._native import (
    ActionError,
    ConfigurationError,
    EdgeMineError,
    EdgeMineInternalError,
    ResetNeeded,
    live_handles,
)
from .env import METRIC_NAMES, POLICY_NAMES, EdgeMineEnv
from .evaluation import cli_command, evaluate, evaluation_seeds, paired_difference
from .parallel import EdgeMineParallelEnv
from .spaces import HAVE_GYMNASIUM, MinimalBox
from .vector import EdgeMineVectorEnv

__version__ = "0.1.0"

__all__ = [
    "EdgeMineEnv",
    "EdgeMineVectorEnv",
    "EdgeMineParallelEnv",
    "evaluate",
    "evaluation_seeds",
    "paired_difference",
    "cli_command",
    "EdgeMineError",
    "ConfigurationError",
    "ActionError",
    "ResetNeeded",
    "EdgeMineInternalError",
    "METRIC_NAMES",
    "POLICY_NAMES",
    "MinimalBox",
    "HAVE_GYMNASIUM",
    "live_handles",
]


def _register():
    """Registers EdgeMine-v0 (and its vector entry point) with Gymnasium when Gymnasium is importable."""
    if not HAVE_GYMNASIUM:
        return
    import gymnasium

    if "EdgeMine-v0" in gymnasium.envs.registry:  # pragma: no cover
        return
    try:  # Gymnasium >= 1.0 knows vector entry points
        gymnasium.register(id="EdgeMine-v0", entry_point="edgemine.env:EdgeMineEnv",
                           vector_entry_point="edgemine.vector:EdgeMineVectorEnv")
    except TypeError:  # pragma: no cover - older Gymnasium
        gymnasium.register(id="EdgeMine-v0", entry_point="edgemine.env:EdgeMineEnv")


_register()
