"""Every error of the Python API is a ValueError subclass carrying the library's one-line message (the text the
edgemine command line prints after 'edgemine: '; the C# tests compare the two)."""

import unittest

import numpy as np

import edgemine
from edgemine import EdgeMineEnv, EdgeMineVectorEnv

ALLOWED_KEYS = (
    "slot_seconds, mec_capacity_hz, local_seconds_per_bit, local_joules_per_bit, arrival_min_bits, arrival_max_bits, "
    "mec_cycles_per_bit, deadline_seconds, mec_energy_coefficient, mec_frequency_unit_hz, mec_circuit_watts, "
    "transmit_watts, rate_good_bps, rate_bad_bps, channel_persistence, good_channel_threshold, "
    "location_privacy_weight, privacy_unit_bits, energy_unit_joules, latency_unit_seconds, deadline_penalty, usage_privacy_form")

USAGE_PRIVACY_FORM = "usage privacy Pu: eq8 |D0 - Do| (eq. 8 as printed) or withheld |D0 + D1 - Do| (the text's reading)"

CONFIGURATION_ERRORS = [
    (dict(config={"bogus": 1}), f"config: unknown key 'bogus' with value 1; allowed keys: {ALLOWED_KEYS}"),
    (dict(config={"rate_bad_bps": -1}),
     "rate_bad_bps = -1 is not allowed; allowed: a finite number > 0 (upload rate, bad channel (bit/s))"),
    (dict(config={"channel_persistence": 1.5}),
     "channel_persistence = 1.5 is not allowed; allowed: a number in [0, 1] (P(channel state stays))"),
    (dict(config={"arrival_min_bits": 2e5}),
     "arrival_min_bits = 200000 exceeds arrival_max_bits = 150000; allowed: arrival_min_bits <= arrival_max_bits"),
    (dict(config={"rate_bad_bps": float("nan")}), "config: key 'rate_bad_bps' has value \"NaN\"; allowed: a finite number > 0 (upload rate, bad channel (bit/s))"),
    (dict(config={"rate_bad_bps": float("inf")}),
     "config: key 'rate_bad_bps' has value \"Infinity\"; allowed: a finite number > 0 (upload rate, bad channel (bit/s))"),
    (dict(config={"rate_bad_bps": "fast"}),
     "config: key 'rate_bad_bps' has value \"fast\"; allowed: a finite number > 0 (upload rate, bad channel (bit/s))"),
    (dict(config={"usage_privacy_form": "foo"}),
     f"config: key 'usage_privacy_form' has value \"foo\"; allowed: eq8, withheld ({USAGE_PRIVACY_FORM})"),
    (dict(config={"usage_privacy_form": 1}),
     f"config: key 'usage_privacy_form' has value 1; allowed: eq8, withheld ({USAGE_PRIVACY_FORM})"),
    (dict(config=[1, 2]),
     "config: the file holds a JSON array; expected a flat object of config keys to numbers (names for usage_privacy_form)"),
    (dict(preset="paper"), "preset 'paper': unknown preset; allowed: calibrated, paper-literal"),
    (dict(miners=0), "miners 0: allowed: a positive integer up to 1000000 (N, the number of miners)"),
    (dict(miners=1.5), "miners 1.5: allowed: a positive integer up to 1000000 (N, the number of miners)"),
    (dict(tasks=-2), "tasks -2: allowed: a positive integer up to 64 (M, mining-task streams per miner)"),
    (dict(beta=2), "beta 2: allowed: a number in [0, 1] (the weight of energy in the cost; latency gets 1 - beta)"),
    (dict(beta=float("nan")), "beta \"NaN\": allowed: a number in [0, 1] (the weight of energy in the cost; latency gets 1 - beta)"),
    (dict(episode_slots=-1),
     "episode_slots -1: allowed: a non-negative integer (slots per episode; 0 or None for a continuing process)"),
    (dict(miners=20000, tasks=64), "miners 20000 x tasks 64: allowed: at most 1000000 tasks (N M) in one environment"),
]


class ConfigurationErrorTests(unittest.TestCase):
    def test_every_constructor_raises_the_library_message(self):
        for kwargs, message in CONFIGURATION_ERRORS:
            for make in (EdgeMineEnv, edgemine.EdgeMineParallelEnv, lambda **k: EdgeMineVectorEnv(num_envs=2, **k)):
                with self.subTest(kwargs=kwargs, make=make):
                    with self.assertRaises(edgemine.ConfigurationError) as caught:
                        make(**kwargs)
                    self.assertIsInstance(caught.exception, ValueError)
                    self.assertEqual(str(caught.exception), message)

    def test_evaluate_checks_its_settings(self):
        cases = [
            (dict(runs=0), "runs 0: allowed: a positive integer up to 100000 (independent evaluation runs)"),
            (dict(slots=0), "slots 0: allowed: a positive integer up to 1000000000 (slots per evaluation run)"),
            (dict(seed=-1), "seed -1: allowed: an integer in [0, 2^64) (the evaluation seed; run r of every policy meets the same arrivals and channels)"),
            (dict(config={"bogus": 1}), f"config: unknown key 'bogus' with value 1; allowed keys: {ALLOWED_KEYS}"),
        ]
        for kwargs, message in cases:
            with self.subTest(kwargs=kwargs):
                with self.assertRaises(edgemine.ConfigurationError) as caught:
                    edgemine.evaluate(lambda obs: np.ones(2), **kwargs)
                self.assertEqual(str(caught.exception), message)


class ActionErrorTests(unittest.TestCase):
    def setUp(self):
        self.env = EdgeMineEnv(miners=1, tasks=2)
        self.env.reset(seed=1)

    def tearDown(self):
        self.env.close()

    def check(self, action, message):
        before = self.env.episode_seed
        with self.assertRaises(edgemine.ActionError) as caught:
            self.env.step(action)
        self.assertIsInstance(caught.exception, ValueError)
        self.assertEqual(str(caught.exception), message)
        self.assertEqual(self.env.episode_seed, before)

    def test_wrong_shapes(self):
        expected = "an action of shape (2,) or (1, 2) is expected"
        self.check([1, 0, 1], f"the action has shape (3,); the environment has 2 tasks, {expected}")
        self.check(1.0, f"the action has shape (); the environment has 2 tasks, {expected}")
        self.check(np.ones((2, 1)), f"the action has shape (2, 1); the environment has 2 tasks, {expected}")

    def test_nan_and_out_of_range(self):
        self.check([np.nan, 0], "action[0] must be an offloading fraction in [0, 1]; got NaN")
        self.check([0, 1.5], "action[1] must be an offloading fraction in [0, 1]; got 1.5")
        self.check([-0.25, 0], "action[0] must be an offloading fraction in [0, 1]; got -0.25")
        self.check([np.inf, 0], "action[0] must be an offloading fraction in [0, 1]; got Infinity")

    def test_a_refused_action_does_not_move_the_environment(self):
        with EdgeMineEnv() as twin:
            twin.reset(seed=1)
            with self.assertRaises(edgemine.ActionError):
                self.env.step([np.nan, 1])
            np.testing.assert_array_equal(self.env.step([1, 1])[0], twin.step([1, 1])[0])

    def test_the_evaluated_agent_gets_the_same_messages(self):
        with self.assertRaises(edgemine.ActionError) as caught:
            edgemine.evaluate(lambda obs: np.ones(3), runs=1, slots=5)
        # The shapes step() takes, with step()'s message (the library's length check is never reached).
        self.assertEqual(str(caught.exception), "the action has shape (3,); the environment has 2 tasks, an action of shape "
                                                "(2,) or (1, 2) is expected")
        with self.assertRaises(edgemine.ActionError) as caught:
            edgemine.evaluate(lambda obs: np.array([0.5, np.nan]), runs=1, slots=5)
        self.assertEqual(str(caught.exception), "action[1] must be an offloading fraction in [0, 1]; got NaN")


class StateErrorTests(unittest.TestCase):
    def test_step_before_reset(self):
        with EdgeMineEnv() as env:
            with self.assertRaises(edgemine.ResetNeeded) as caught:
                env.step([1, 1])
            self.assertIsInstance(caught.exception, ValueError)
            self.assertEqual(str(caught.exception), "call reset() before step()")
            with self.assertRaises(edgemine.ResetNeeded):
                env.optimal_action()

    def test_the_agent_exception_propagates_unchanged(self):
        class Boom(Exception):
            pass

        calls = []

        def agent(obs):
            calls.append(obs)
            if len(calls) == 3:
                raise Boom("third slot")
            return np.ones(2)

        with self.assertRaises(Boom):
            edgemine.evaluate(agent, runs=2, slots=10)
        self.assertEqual(len(calls), 3)


if __name__ == "__main__":
    unittest.main()
