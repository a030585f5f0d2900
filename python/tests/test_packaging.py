"""`pip install --no-index python/` works offline: the in-tree build backend needs no download. Installed into a fresh
virtual environment that sees the system's numpy (--system-site-packages), then imported from elsewhere."""

import os
import subprocess
import sys
import tempfile
import unittest

PYTHON_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class PackagingTests(unittest.TestCase):
    def test_offline_pip_install_into_a_virtual_environment(self):
        with tempfile.TemporaryDirectory() as tmp:
            venv = os.path.join(tmp, "venv")
            subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", venv], check=True)
            python = os.path.join(venv, "bin", "python")
            env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PIP_INDEX_URL", "PIP_FIND_LINKS")}
            env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
            install = subprocess.run([python, "-m", "pip", "install", "--no-index", PYTHON_DIR],
                                     capture_output=True, text=True, env=env, cwd=tmp)
            self.assertEqual(install.returncode, 0, install.stdout + install.stderr)
            check = subprocess.run(
                [python, "-c", "import edgemine, numpy as np; e = edgemine.EdgeMineEnv(); o, _ = e.reset(seed=1); "
                 "print(edgemine.__file__); print(e.step(np.ones(2))[1])"],
                capture_output=True, text=True, env=env, cwd=tmp)
            self.assertEqual(check.returncode, 0, check.stderr)
            path, reward = check.stdout.split()
            self.assertTrue(path.startswith(venv), path)
            self.assertNotIn(PYTHON_DIR, path)
            float(reward)


if __name__ == "__main__":
    unittest.main()
