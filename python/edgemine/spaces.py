"""Spaces: Gymnasium's Box when Gymnasium is importable, else a minimal stand-in with the same core interface
(shape, low, high, dtype, sample, contains, seed), so that EdgeMine needs nothing but numpy."""

from __future__ import annotations

import numpy as np

try:  # pragma: no cover - depends on what is installed
    import gymnasium as _gymnasium
    from gymnasium.spaces import Box as _GymnasiumBox
except ImportError:  # pragma: no cover
    _gymnasium = None
    _GymnasiumBox = None

HAVE_GYMNASIUM = _gymnasium is not None


class MinimalBox:
    """A box [low, high]^shape of float64 values, Gymnasium's Box interface without Gymnasium.

    ``sample()`` draws uniformly where both bounds are finite and ``low + Exponential(1)`` where only the lower bound is
    (Gymnasium's rule); ``contains(x)`` checks the shape and the bounds.
    """

    def __init__(self, low, high, shape=None, dtype=np.float64, seed=None):
        self.dtype = np.dtype(dtype)
        if shape is None:
            shape = np.shape(low) if np.ndim(low) else np.shape(high)
        self.shape = tuple(int(s) for s in shape)
        self.low = np.broadcast_to(np.asarray(low, dtype=self.dtype), self.shape).copy()
        self.high = np.broadcast_to(np.asarray(high, dtype=self.dtype), self.shape).copy()
        self._np_random = None
        if seed is not None:
            self.seed(seed)

    @property
    def np_random(self) -> np.random.Generator:
        if self._np_random is None:
            self._np_random = np.random.default_rng()
        return self._np_random

    def seed(self, seed=None):
        self._np_random = np.random.default_rng(seed)
        return [seed]

    def is_bounded(self, manner="both") -> bool:
        below, above = bool(np.all(np.isfinite(self.low))), bool(np.all(np.isfinite(self.high)))
        return {"both": below and above, "below": below, "above": above}[manner]

    def sample(self, mask=None):
        if mask is not None:
            raise ValueError("MinimalBox.sample takes no mask")
        bounded = np.isfinite(self.high)
        uniform = self.np_random.uniform(self.low, np.where(bounded, self.high, self.low + 1.0), size=self.shape)
        exponential = self.low + self.np_random.exponential(size=self.shape)
        return np.where(bounded, uniform, exponential).astype(self.dtype)

    def contains(self, x) -> bool:
        try:
            x = np.asarray(x, dtype=self.dtype)
        except (TypeError, ValueError):
            return False
        return x.shape == self.shape and bool(np.all(x >= self.low) and np.all(x <= self.high))

    __contains__ = contains

    def __eq__(self, other):
        return (isinstance(other, MinimalBox) and self.shape == other.shape and self.dtype == other.dtype
                and np.array_equal(self.low, other.low) and np.array_equal(self.high, other.high))

    def __repr__(self):
        return f"Box({self.low.min()}, {self.high.max()}, {self.shape}, {self.dtype})"


def Box(low, high, shape=None, dtype=np.float64):  # noqa: N802 - a factory named like the class it makes
    """Gymnasium's Box when Gymnasium is importable, else :class:`MinimalBox`."""
    if HAVE_GYMNASIUM:
        return _GymnasiumBox(low=np.asarray(low, dtype=dtype) if np.ndim(low) else low,
                             high=np.asarray(high, dtype=dtype) if np.ndim(high) else high,
                             shape=None if np.ndim(low) or np.ndim(high) else shape, dtype=dtype)
    return MinimalBox(low, high, shape, dtype)
