"""Issue 25's hostile uses of the Python binding, one test class per class of the issue that the binding has, each of
which failed before its fix: the interpreter dies (1), a native call cannot be interrupted (2), sizes are not bounded
before allocation (3), integers are truncated at the C boundary (4), wrong error classes (5), messages of unbounded
length (6), nonsense accepted (7). The command line's classes are in tests/EdgeMine.Cli.Tests/Cli/HostileInputTests.cs."""

import copy
import gc
import multiprocessing
import os
import pickle
import resource
import signal
import subprocess
import sys
import textwrap
import time
import unittest
from unittest import mock

import numpy as np

import edgemine
from edgemine import EdgeMineEnv, EdgeMineParallelEnv, EdgeMineVectorEnv, _native, evaluation

# N M = 2: the library polls for cancellation every 512 slots (PolicyEvaluation.CheckInterval: 1,024 task-slots).
POLL_EVERY = 512


def first_step(env, seed):
    """Runs in a spawned process: the unpickled environment's first step from ``seed`` (observation and reward)."""
    env.reset(seed=seed)
    observation, reward, *_ = env.step(np.ones(env.miners * env.tasks))
    env.close()
    return observation.tolist(), reward


class CopyTests(unittest.TestCase):
    """Class 1: a vector env could be pickled (its handle and buffer addresses as plain integers) and a deep copy shared
    the original's native env and destroyed its handle when collected."""

    def test_a_vector_env_cannot_be_pickled_or_copied_and_says_what_to_do(self):
        with EdgeMineVectorEnv(num_envs=2, miners=1, tasks=2) as vector:
            vector.reset(seed=1)
            for attempt in (pickle.dumps, copy.copy, copy.deepcopy):
                with self.subTest(attempt=attempt.__name__):
                    with self.assertRaises(TypeError) as caught:
                        attempt(vector)
                    self.assertIn("EdgeMineVectorEnv cannot be pickled or copied", str(caught.exception))
                    self.assertIn("functools.partial(edgemine.EdgeMineVectorEnv, num_envs=64, miners=2)", str(caught.exception))
            vector.step(np.ones((2, 2)))  # untouched

    def test_a_copied_env_is_a_new_env_of_the_same_arguments_and_never_touches_the_original(self):
        arguments = dict(miners=2, tasks=2, beta=0.8, config={"rate_bad_bps": 1e6}, episode_slots=7)
        live = edgemine.live_handles()
        env = EdgeMineEnv(**arguments)
        env.reset(seed=5)
        env.step(np.ones(4))
        for make in (copy.copy, copy.deepcopy, lambda e: pickle.loads(pickle.dumps(e))):
            with self.subTest(make=make):
                twin = make(env)
                self.assertIsNot(twin, env)
                self.assertNotEqual(twin._handle, env._handle)
                self.assertEqual((twin.miners, twin.tasks, twin.episode_slots), (2, 2, 7))
                with self.assertRaises(edgemine.ResetNeeded):  # the state is not copied: a new environment
                    twin.step(np.ones(4))
                with EdgeMineEnv(**arguments) as fresh:
                    expected, _ = fresh.reset(seed=9)
                    np.testing.assert_array_equal(twin.reset(seed=9)[0], expected)
                    np.testing.assert_array_equal(twin.step(np.ones(4))[0], fresh.step(np.ones(4))[0])
                del twin
                gc.collect()
                env.step(np.ones(4))  # the copy's finaliser destroyed its own handle, not this one
        env.close()
        self.assertEqual(edgemine.live_handles(), live)

    def test_a_parallel_env_is_copied_the_same_way(self):
        parallel = EdgeMineParallelEnv(miners=2, tasks=1, beta=0.3)
        parallel.reset(seed=3)
        for make in (copy.deepcopy, lambda p: pickle.loads(pickle.dumps(p))):
            twin = make(parallel)
            self.assertNotEqual(twin.env._handle, parallel.env._handle)
            self.assertEqual((twin.possible_agents, twin.agents), (["miner_0", "miner_1"], []))  # new: reset it first
            with self.assertRaises(edgemine.EdgeMineError):
                twin.step({"miner_0": [1], "miner_1": [0]})
            np.testing.assert_array_equal(twin.reset(seed=4)[0]["miner_1"], EdgeMineParallelEnv(miners=2, tasks=1, beta=0.3).reset(seed=4)[0]["miner_1"])
            del twin
            gc.collect()
            parallel.step({"miner_0": [1], "miner_1": [0]})  # the original is untouched
        parallel.close()

    def test_an_env_pickled_into_another_process_steps_there_as_here(self):
        env = EdgeMineEnv(miners=1, tasks=2, config={"rate_bad_bps": 1e6})
        with multiprocessing.get_context("spawn").Pool(1) as pool:
            observation, reward = pool.apply(first_step, (env, 42))
        with EdgeMineEnv(miners=1, tasks=2, config={"rate_bad_bps": 1e6}) as here:
            expected_observation, expected_reward = first_step(here, 42)
        self.assertEqual(observation, expected_observation)
        self.assertEqual(reward, expected_reward)
        env.close()


class InterruptTests(unittest.TestCase):
    """Class 2: edgemine.evaluate(None, runs=2000, slots=100000) ignored SIGINT; only SIGKILL stopped it."""

    # A suite started with SIGINT ignored (a background job of a non-interactive shell, `nohup`) inherits SIG_IGN, and
    # then Python installs no handler of its own and the library rightly leaves SIGINT alone. These tests are about
    # Python's default handler, so they install it for their duration, and give the child process SIG_DFL, whatever
    # started the suite.
    @classmethod
    def setUpClass(cls):
        cls._inherited = signal.signal(signal.SIGINT, signal.default_int_handler)

    @classmethod
    def tearDownClass(cls):
        signal.signal(signal.SIGINT, cls._inherited)

    def cancel_at_poll(self, k, polls):
        def requested(_interrupts):
            polls.append(1)
            return len(polls) == k
        return mock.patch.object(evaluation, "_cancel_requested", requested)

    def test_a_cancellation_at_the_third_poll_stops_a_python_policy_after_exactly_three_polls_of_slots(self):
        polls, slots = [], []
        live = edgemine.live_handles()
        with self.cancel_at_poll(3, polls):
            with self.assertRaises(KeyboardInterrupt):
                edgemine.evaluate(lambda obs: slots.append(1) or np.ones(2), runs=2000, slots=100_000)
        self.assertEqual(len(polls), 3)
        self.assertEqual(len(slots), 3 * POLL_EVERY)  # the agent runs first: polls after its slots 512, 1024 and 1536
        self.assertEqual(edgemine.live_handles(), live)
        self.assertIs(signal.getsignal(signal.SIGINT), signal.default_int_handler)

    def test_a_cancellation_stops_an_evaluation_of_the_baselines_alone(self):
        polls = []
        with self.cancel_at_poll(3, polls):
            with self.assertRaises(KeyboardInterrupt):
                edgemine.evaluate(None, runs=2000, slots=100_000)
        self.assertEqual(len(polls), 3)  # no poll after the one that cancelled
        self.assertIs(signal.getsignal(signal.SIGINT), signal.default_int_handler)

    def test_sigint_raises_keyboard_interrupt_whether_the_policy_is_python_or_none(self):
        # End to end, in a child process: SIGINT once the library polls (the evaluation would take hours). The bound of
        # 120 s is generous on purpose: the time measured is printed, never asserted closely.
        for policy in ("None", "lambda obs: np.ones(2)"):
            with self.subTest(policy=policy):
                script = textwrap.dedent(f"""
                    import numpy as np, edgemine
                    from edgemine import evaluation
                    polled = evaluation._cancel_requested
                    def announce(interrupts, said=[]):
                        if not said:
                            said.append(1)
                            print("polling", flush=True)
                        return polled(interrupts)
                    evaluation._cancel_requested = announce
                    edgemine.evaluate({policy}, runs=2000, slots=100000)
                    print("finished", flush=True)
                    """)
                child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                         text=True, env=dict(os.environ),
                                         preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
                try:
                    self.assertEqual(child.stdout.readline().strip(), "polling")
                    start = time.monotonic()
                    child.send_signal(signal.SIGINT)
                    _, error = child.communicate(timeout=120)
                    print(f"\n  SIGINT to exit with {policy}: {time.monotonic() - start:.3f} s", file=sys.stderr)
                finally:
                    if child.poll() is None:
                        child.kill()
                        child.communicate()
                self.assertNotEqual(child.returncode, 0)
                self.assertIn("KeyboardInterrupt", error)


class SizeTests(unittest.TestCase):
    """Class 3: EdgeMineVectorEnv(num_envs=10**8, miners=4) allocated gigabytes before failing with "out of memory"."""

    def test_a_vector_beyond_the_memory_budget_is_refused_before_anything_is_allocated(self):
        # In a child process whose address space is capped at 3 GiB (RLIMIT_AS; the native library's GC does not read
        # DOTNET_GCHeapHardLimit), so that a regression fails with "out of memory" instead of taking the machine's
        # memory (before the fix: "out of memory" after a peak of 741 MB under this cap; uncapped, the kernel's OOM
        # killer at 24 GB). By hand: 2048 + 256 x 4 x 2 = 4096 bytes an environment; 10^8 of them are 390,625 MiB;
        # 2^30 / 4096 = 262,144 environments fit.
        script = textwrap.dedent("""
            import resource, edgemine
            try:
                edgemine.EdgeMineVectorEnv(num_envs=10**8, miners=4)
            except Exception as e:
                print(type(e).__name__ + ": " + str(e))
            print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
            """)

        def cap():
            resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))

        result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300, preexec_fn=cap)
        lines = result.stdout.strip().split("\n")
        self.assertEqual(len(lines), 2, result.stdout + result.stderr)
        message, peak_kib = lines
        self.assertEqual(message, "ConfigurationError: num_envs 100000000 x miners 4 x tasks 2: about 390625 MiB of "
                                  "environments; allowed: at most 262144 environments of N = 4, M = 2 (1024 MiB, counted "
                                  "as 2048 bytes per environment plus 256 per task)")
        self.assertLess(int(peak_kib), 200 * 1024, "the child's peak resident memory")

    def test_one_environment_past_the_budget_is_refused(self):
        # N = M = 8: 2048 + 256 x 64 = 18,432 bytes an environment; 2^30 / 18,432 = 58,254.2, so 58,254 fit and 58,255
        # (1,024.0 MiB, rounded up to 1,025) do not.
        with self.assertRaises(edgemine.ConfigurationError) as caught:
            EdgeMineVectorEnv(num_envs=58_255, miners=8, tasks=8)
        self.assertEqual(str(caught.exception), "num_envs 58255 x miners 8 x tasks 8: about 1025 MiB of environments; allowed: "
                                                "at most 58254 environments of N = 8, M = 8 (1024 MiB, counted as 2048 bytes "
                                                "per environment plus 256 per task)")


class IntegerTests(unittest.TestCase):
    """Class 4: evaluation_seeds(1000, 2**32) returned run 0's seeds and run=1.9 gave run 1."""

    def test_evaluation_seeds_refuses_what_an_int32_run_cannot_hold(self):
        allowed = "allowed: an integer from 0 to 2147483647 (the evaluation run, counted from 0)"
        for run, shown in ((2**32, "4294967296"), (1.9, "1.9"), (-1, "-1"), (True, "True"), ("1", "'1'"), (None, "None")):
            with self.subTest(run=run):
                with self.assertRaises(edgemine.ConfigurationError) as caught:
                    edgemine.evaluation_seeds(1000, run)
                self.assertEqual(str(caught.exception), f"run {shown}: {allowed}")
        self.assertEqual(edgemine.evaluation_seeds(1000, np.int64(7)), edgemine.evaluation_seeds(1000, 7))
        self.assertNotEqual(edgemine.evaluation_seeds(1000, 2**31 - 1), edgemine.evaluation_seeds(1000, 0))

    def test_integers_beyond_a_double_are_refused_in_python_naming_the_parameter(self):
        # Python cannot even write an integer of 5,001 digits as JSON (ValueError); one of 400 digits is beyond a double.
        for kwargs, shown in ((dict(miners=10**5000), "miners an integer of 5001 digits"),
                              (dict(config={"rate_bad_bps": 10**400}), "config: key 'rate_bad_bps' an integer of 401 digits")):
            with self.subTest(case=shown):  # not the kwargs: Python cannot write an integer of 5,001 digits
                with self.assertRaises(edgemine.ConfigurationError) as caught:
                    EdgeMineEnv(**kwargs)
                self.assertTrue(str(caught.exception).startswith(shown + ": allowed: a number within the range of a double"),
                                str(caught.exception))

    def test_seeds_are_checked_whole(self):
        with EdgeMineEnv() as env:
            for seed in (2**64, -1, 1.5):
                with self.assertRaises(edgemine.ConfigurationError):
                    env.reset(seed=seed)
        with EdgeMineVectorEnv(num_envs=2) as vector:
            with self.assertRaises(edgemine.ConfigurationError) as caught:
                vector.reset(seed=2**64 - 1)  # environment 1 would get 2^64
            self.assertEqual(str(caught.exception), "seed + i 18446744073709551616: allowed: an integer in [0, 2^64 - 1]")


class ErrorClassTests(unittest.TestCase):
    """Class 5: energy_unit_joules 5e-324 raised EdgeMineInternalError, where the command line exits 2."""

    def test_parameters_whose_numbers_overflow_are_a_configuration_error(self):
        with EdgeMineEnv(config={"energy_unit_joules": 5e-324}) as env:
            env.reset(seed=1)
            with self.assertRaises(edgemine.ConfigurationError) as caught:
                env.step([1, 1])
            self.assertIn("the model's numbers overflow", str(caught.exception))
            self.assertIn("check the extreme config keys: energy_unit_joules=5E-324", str(caught.exception))
        with self.assertRaises(edgemine.ConfigurationError):
            edgemine.evaluate(None, config={"energy_unit_joules": 5e-324}, runs=1, slots=5)

    def test_no_hostile_input_of_the_issue_reaches_an_internal_error(self):
        vector = EdgeMineVectorEnv(num_envs=2)
        env = EdgeMineEnv()
        env.reset(seed=1)
        cases = {
            # num_envs=10**8 is SizeTests' case, run in a child with a capped heap: in this process a regression would
            # take the machine's memory.
            "num_envs 'x' * 10**5": lambda: EdgeMineVectorEnv(num_envs="x" * 10**5),
            "run 2**32": lambda: edgemine.evaluation_seeds(1000, 2**32),
            "run 1.9": lambda: edgemine.evaluation_seeds(1000, 1.9),
            "energy 5e-324, evaluate": lambda: edgemine.evaluate(None, config={"energy_unit_joules": 5e-324}, runs=1, slots=2),
            "a 100,000-character key": lambda: EdgeMineEnv(config={"k" * 100_000: 1}),
            "a NUL in a preset": lambda: EdgeMineEnv(preset="calibrated\0x"),
            "a lone surrogate in a preset": lambda: EdgeMineEnv(preset="\ud800"),
            "a preset that is a number": lambda: EdgeMineEnv(preset=5),
            "a config that is a list": lambda: EdgeMineEnv(config=[1, 2]),
            "miners 10**5000": lambda: EdgeMineEnv(miners=10**5000),
            "beta 10**300": lambda: EdgeMineEnv(beta=10**300),
            "episode_slots 2**40": lambda: EdgeMineEnv(episode_slots=2**40),
            "an action of shape (2, 1) to evaluate": lambda: edgemine.evaluate(lambda obs: np.ones((2, 1)), runs=1, slots=2),
            "pickling a vector": lambda: pickle.dumps(vector),
            "a policy of 10**6 characters": lambda: env.baseline_action("x" * 10**6),
            "a policy that is not a str": lambda: env.baseline_action(5),
            "a policy with a NUL": lambda: env.baseline_action("no\0"),
        }
        for name, case in cases.items():
            with self.subTest(case=name):
                try:
                    case()
                    self.fail("accepted")
                except edgemine.EdgeMineInternalError as e:
                    self.fail(f"internal error: {e}")
                except (edgemine.EdgeMineError, TypeError) as e:
                    message = str(e)
                    self.assertNotIn("\n", message)
                    self.assertNotIn("\0", message)
                    self.assertLess(len(message), 2000)
        vector.close()
        env.close()


class MessageTests(unittest.TestCase):
    """Class 6: a 100,000-character key gave a 100,710-character message (echoed twice); a NUL in a preset name cut the
    message short, so that it read as if a valid name ("calibrated") were refused."""

    def test_a_100000_character_key_is_echoed_once_cut_to_200_characters(self):
        with self.assertRaises(edgemine.ConfigurationError) as caught:
            EdgeMineEnv(config={"k" * 100_000: 1})
        message = str(caught.exception)
        self.assertTrue(message.startswith(f"config: unknown key '{'k' * 200}'... (100000 characters) with value 1; "
                                           "allowed keys: slot_seconds, "), message[:300])
        self.assertLess(len(message), 1000)

    def test_a_nul_in_a_preset_name_is_shown_and_the_message_is_whole(self):
        with self.assertRaises(edgemine.ConfigurationError) as caught:
            EdgeMineEnv(preset="calibrated\0x")
        self.assertEqual(str(caught.exception), "preset 'calibrated\\0x': unknown preset; allowed: calibrated, paper-literal")

    def test_pythons_quote_is_the_librarys_rule_character_for_character(self):
        # The library quotes the preset name in its message: Python's own messages must quote the same way.
        samples = ["", "paper", "it's a\\b", "nul\0x", "tab\there\r\n", "\x1b[2J", "\x7f\x85", "line\u2028sep",
                   "abc\u202efed", "caf\u00e9 \U0001F600", "y" * 300, "a" * 199 + "\U0001F600" + "tail"]
        for sample in samples:
            with self.subTest(sample=sample[:20]):
                with self.assertRaises(edgemine.ConfigurationError) as caught:
                    EdgeMineEnv(preset=sample)
                library = str(caught.exception)[len("preset "):-len(": unknown preset; allowed: calibrated, paper-literal")]
                self.assertEqual(_native.quote(sample), library)


class NonsenseTests(unittest.TestCase):
    """Class 7: evaluate accepted a policy action of shape (2, 1), which step refuses."""

    def test_evaluate_takes_exactly_the_action_shapes_step_takes(self):
        message = "the action has shape {}; the environment has 4 tasks, an action of shape (4,) or (2, 2) is expected"
        for shape in ((4, 1), (1, 4), (2, 2, 1), ()):
            with self.subTest(shape=shape):
                with self.assertRaises(edgemine.ActionError) as caught:
                    edgemine.evaluate(lambda obs, s=shape: np.ones(s), miners=2, tasks=2, runs=1, slots=3)
                self.assertEqual(str(caught.exception), message.format(shape))
                with EdgeMineEnv(miners=2, tasks=2) as env:
                    env.reset(seed=1)
                    with self.assertRaises(edgemine.ActionError) as stepped:
                        env.step(np.ones(shape))
                    self.assertEqual(str(stepped.exception), str(caught.exception))
        for shape in ((4,), (2, 2)):
            result = edgemine.evaluate(lambda obs, s=shape: np.ones(s), miners=2, tasks=2, runs=1, slots=3)
            self.assertEqual(result["policies"]["agent"]["reward"], result["policies"]["eo"]["reward"])


if __name__ == "__main__":
    unittest.main()
