"""Nothing leaks over 1e6 create/destroy cycles through the C ABI (resident memory and live handles)."""

import ctypes
import os
import time
import unittest

import numpy as np

import edgemine
from edgemine import _native

CYCLES = int(os.environ.get("EDGEMINE_LEAK_CYCLES", "1000000"))


def resident_bytes():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


class LeakTests(unittest.TestCase):
    def test_a_million_create_destroy_cycles(self):
        lib = _native.lib
        configuration = _native.configuration_json(miners=2, tasks=2, beta=0.5)
        handle = ctypes.c_int64()
        observation = np.zeros(10)
        action = np.ones(4)
        metrics = np.zeros(len(edgemine.METRIC_NAMES))
        reward, flags = ctypes.c_double(), ctypes.c_uint8()
        live = edgemine.live_handles()

        def cycle(count):
            for _ in range(count):
                if lib.edgemine_env_create(configuration, len(configuration), ctypes.byref(handle)):
                    raise _native.error(1)
                h = handle.value
                lib.edgemine_env_reset(h, 1, 1, _native.pointer(observation), 10)
                lib.edgemine_env_step(h, _native.pointer(action), 4, _native.pointer(observation), 10,
                                      ctypes.addressof(reward), _native.pointer(metrics), len(metrics),
                                      ctypes.addressof(flags))
                if lib.edgemine_env_destroy(h):
                    raise _native.error(3)

        cycle(min(CYCLES, 20000))  # warm up: the runtime's and the allocator's pools reach their steady size
        before = resident_bytes()
        start = time.perf_counter()
        cycle(CYCLES)
        seconds = time.perf_counter() - start
        growth = resident_bytes() - before
        print(f"\n{CYCLES} create/reset/step/destroy cycles in {seconds:.1f} s; resident memory grew by {growth / 2**20:.1f} MiB")
        self.assertEqual(edgemine.live_handles(), live)
        self.assertLess(growth, 16 * 2**20)
        # A destroyed handle is refused, not reused.
        with self.assertRaises(edgemine.EdgeMineError) as caught:
            _native.check(lib.edgemine_env_destroy(handle.value))
        self.assertIn("invalid environment handle", str(caught.exception))

    def test_steps_allocate_nothing_in_the_library(self):
        with edgemine.EdgeMineEnv(miners=3, tasks=2) as env, edgemine.EdgeMineVectorEnv(num_envs=64, episode_slots=7) as vec:
            env.reset(seed=1)
            vec.reset(seed=1)
            actions = np.random.default_rng(0).random((64, 6))
            for _ in range(100):  # warm up
                env.step(actions[0])
                vec.step(actions[:, :2])
            before = _native.allocated_bytes()
            for _ in range(10000):
                env.step(actions[0])
            for _ in range(200):  # through autoresets
                vec.step(actions[:, :2])
            self.assertEqual(_native.allocated_bytes() - before, 0)

    def test_python_objects_free_their_native_environment(self):
        live = edgemine.live_handles()
        for _ in range(2000):
            env = edgemine.EdgeMineEnv()
            env.reset(seed=1)
            vec = edgemine.EdgeMineVectorEnv(num_envs=3)
            del env, vec
        self.assertEqual(edgemine.live_handles(), live)


if __name__ == "__main__":
    unittest.main()
