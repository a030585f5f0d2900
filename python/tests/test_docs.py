"""Docs that cannot drift (issue 26): every Python example of README.md and docs/python.md runs, the worked example
prints what the page says, the documented return schema of ``evaluate`` has exactly the real keys, and the error
table's messages are the library's."""

import contextlib
import io
import os
import pickle
import re
import unittest

import numpy as np

import edgemine

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _read(name):
    with open(os.path.join(ROOT, name), encoding="utf-8") as file:
        return file.read()


def _python_blocks(text):
    return re.findall(r"```python\n(.*?)```", text, re.S)


def _run(code):
    """Runs ``code`` in a fresh namespace; returns what it printed."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "<example>", "exec"), {"__name__": "__example__"})  # noqa: S102 - the docs' own examples
    return out.getvalue()


class ExamplesTests(unittest.TestCase):
    def test_every_python_example_runs(self):
        for name in ("README.md", "docs/python.md"):
            blocks = _python_blocks(_read(name))
            self.assertTrue(blocks, f"{name} has no python example")
            for i, code in enumerate(blocks):
                with self.subTest(document=name, example=i):
                    _run(code)

    def test_the_worked_example_prints_what_the_page_says(self):
        page = _read("docs/python.md")
        section = page[page.index("## Worked example"):]
        code = _python_blocks(section)[0]
        printed = re.search(r"\nprints\n\n```\n(.*?)```", section, re.S).group(1)
        self.assertEqual(_run(code), printed)


class SchemaTests(unittest.TestCase):
    def test_the_documented_schema_has_exactly_the_real_keys(self):
        page = _read("docs/python.md")
        block = re.search(r"It returns the dict.*?```\n(.*?)```", page, re.S).group(1)
        documented = set(re.findall(r'"([a-z0-9_-]+)"', block))
        result = edgemine.evaluate({"agent": lambda obs: np.ones(2)}, runs=2, slots=20)
        real = set(result) | set(result["configuration"]) | set(result["optimum_exactness"]["optimal"])
        real |= set(result["optimum_exactness"]) | set(result["policies"])
        for entry in result["policies"].values():
            real |= set(entry)
            real |= {k for v in entry.values() if isinstance(v, dict) for k in v}
        self.assertEqual(sorted(real - documented), [], "real keys the schema lacks")
        values = {"none"}  # a value of "yardstick" that this result has no occasion for (no fractional optimum beyond N M = 40)
        self.assertEqual(sorted(documented - real - values), [], "documented keys that do not exist")


class ErrorTableTests(unittest.TestCase):
    """Each example message of the error table against the message the package raises ("..." stands for any text)."""

    @staticmethod
    def _table():
        page = _read("docs/python.md")
        table = page[page.index("### Errors"):page.index("A non-finite config value")]
        rows = [line.split(" | ") for line in table.splitlines() if line.startswith("| ") and "`" in line]
        # The messages: backticked text with a space in it (a backticked identifier such as `ActionSpace.Check` is not one).
        return [m for row in rows for m in re.findall(r"`([^`]+)`", row[-1]) if " " in m]

    @staticmethod
    def _raised(function):
        try:
            function()
        except Exception as e:  # noqa: BLE001 - the message is what is compared
            return str(e)
        raise AssertionError("no exception")

    def test_every_message_the_table_quotes_is_raised_so(self):
        env = edgemine.EdgeMineEnv()
        fresh = edgemine.EdgeMineEnv()
        env.reset(seed=1)
        vector = edgemine.EdgeMineVectorEnv(num_envs=2)
        triggers = [
            lambda: edgemine.EdgeMineEnv(config={"bogus": 1}),
            lambda: edgemine.EdgeMineEnv(config={"rate_bad_bps": -1}),
            lambda: edgemine.EdgeMineEnv(beta=1.2),
            lambda: edgemine.EdgeMineEnv(miners=0),
            lambda: edgemine.EdgeMineEnv(preset="x"),
            lambda: edgemine.evaluation_seeds(1000, 4294967296),
            lambda: edgemine.EdgeMineVectorEnv(num_envs=10**8, miners=4),
            lambda: env.step(np.ones(3)),
            lambda: env.step(np.array([np.nan, 0])),
            lambda: fresh.step(np.ones(2)),
            lambda: env.baseline_action("greedy"),
            lambda: pickle.dumps(vector),
            lambda: edgemine.evaluate({"go": lambda obs: np.ones(2)}, runs=1, slots=1),
        ]
        raised = [self._raised(t) for t in triggers]
        env.close()
        fresh.close()
        vector.close()
        # Messages the table quotes that no input here raises: an overflow needs extreme constants, a model error the
        # command line, an internal error a bug; each is tested where it is raised.
        untriggered = ("slot 0: the model's numbers overflow", "--model ", "internal error: ")
        matched = set()
        for message in self._table():
            pattern = "^" + ".*".join(re.escape(part) for part in message.split("...")) + "$"
            hits = [r for r in raised if re.match(pattern, r, re.S)]
            if hits:
                matched.update(hits)
            elif not any(message.startswith(u) or u in message for u in untriggered):
                self.fail(f"the error table quotes {message!r}, which nothing raises; raised: {raised}")
        self.assertEqual([r for r in raised if r not in matched], [], "raised messages the table does not quote")


if __name__ == "__main__":
    unittest.main()
