"""An in-tree PEP 517 build backend for the edgemine package, with no dependency (so pip needs no download to use it).

It packs edgemine/ (Python modules and the native libedgemine.so built by scripts/build-python.sh) into a wheel tagged
for this platform (py3-none-<platform>: the library is native code, the Python code is version-independent), and makes
sdists and PEP 660 editable wheels.
"""

import base64
import hashlib
import io
import os
import sysconfig
import tarfile
import zipfile

NAME = "edgemine"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PACKAGE = os.path.join(ROOT, NAME)
LIBRARY = os.path.join(PACKAGE, "libedgemine.so")


def _project():
    """name, version, summary, requires-python and dependencies from pyproject.toml (read without tomllib for 3.9+)."""
    values, dependencies, in_project = {}, [], False
    with open(os.path.join(ROOT, "pyproject.toml"), encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line.startswith("["):
                in_project = line == "[project]"
            elif in_project and "=" in line:
                key, value = (part.strip() for part in line.split("=", 1))
                if key == "dependencies":
                    dependencies = [d.strip().strip('"') for d in value.strip("[]").split(",") if d.strip()]
                else:
                    values[key] = value.strip('"')
    return values["version"], values.get("description", ""), values.get("requires-python", ""), dependencies


def _metadata():
    version, summary, requires_python, dependencies = _project()
    lines = ["Metadata-Version: 2.1", f"Name: {NAME}", f"Version: {version}", f"Summary: {summary}"]
    if requires_python:
        lines.append(f"Requires-Python: {requires_python}")
    lines += [f"Requires-Dist: {d}" for d in dependencies]
    return version, "\n".join(lines) + "\n"


def _tag():
    return "py3-none-" + sysconfig.get_platform().replace("-", "_").replace(".", "_")


def _dist_info(version):
    return f"{NAME}-{version}.dist-info"


def _write_metadata(directory):
    version, metadata = _metadata()
    dist_info = os.path.join(directory, _dist_info(version))
    os.makedirs(dist_info, exist_ok=True)
    with open(os.path.join(dist_info, "METADATA"), "w", encoding="utf-8") as f:
        f.write(metadata)
    return os.path.basename(dist_info)


def _wheel(wheel_directory, files):
    """Writes a wheel of ``files`` (archive name -> bytes) plus its dist-info; returns the wheel's file name."""
    version, metadata = _metadata()
    dist_info = _dist_info(version)
    files = dict(files)
    files[f"{dist_info}/METADATA"] = metadata.encode()
    files[f"{dist_info}/WHEEL"] = (
        f"Wheel-Version: 1.0\nGenerator: edgemine_build\nRoot-Is-Purelib: false\nTag: {_tag()}\n").encode()
    files[f"{dist_info}/top_level.txt"] = f"{NAME}\n".encode()
    record = []
    for name, data in files.items():
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        record.append(f"{name},sha256={digest},{len(data)}")
    record.append(f"{dist_info}/RECORD,,")
    files[f"{dist_info}/RECORD"] = ("\n".join(record) + "\n").encode()
    filename = f"{NAME}-{version}-{_tag()}.whl"
    with zipfile.ZipFile(os.path.join(wheel_directory, filename), "w", zipfile.ZIP_DEFLATED) as wheel:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            info.external_attr = (0o755 if name.endswith(".so") else 0o644) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            wheel.writestr(info, data)
    return filename


def _package_files():
    if not os.path.exists(LIBRARY):
        raise RuntimeError(f"{LIBRARY} is missing: build it first with scripts/build-python.sh (at the repository's root)")
    files = {}
    for name in sorted(os.listdir(PACKAGE)):
        if name.endswith(".py") or name == "libedgemine.so":
            with open(os.path.join(PACKAGE, name), "rb") as f:
                files[f"{NAME}/{name}"] = f.read()
    return files


# -- PEP 517 ------------------------------------------------------------------------------------------------------

def get_requires_for_build_wheel(config_settings=None):
    return []


def get_requires_for_build_sdist(config_settings=None):
    return []


def get_requires_for_build_editable(config_settings=None):
    return []


def prepare_metadata_for_build_wheel(metadata_directory, config_settings=None):
    return _write_metadata(metadata_directory)


def prepare_metadata_for_build_editable(metadata_directory, config_settings=None):
    return _write_metadata(metadata_directory)


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    return _wheel(wheel_directory, _package_files())


def build_editable(wheel_directory, config_settings=None, metadata_directory=None):
    """A wheel holding only a .pth file that puts this folder on sys.path (PEP 660)."""
    if not os.path.exists(LIBRARY):
        raise RuntimeError(f"{LIBRARY} is missing: build it first with scripts/build-python.sh (at the repository's root)")
    return _wheel(wheel_directory, {f"__editable__.{NAME}.pth": (ROOT + "\n").encode()})


def build_sdist(sdist_directory, config_settings=None):
    version, _, _, _ = _project()
    base = f"{NAME}-{version}"
    filename = f"{base}.tar.gz"
    with tarfile.open(os.path.join(sdist_directory, filename), "w:gz", format=tarfile.PAX_FORMAT) as sdist:
        for folder, _, names in os.walk(ROOT):
            if "__pycache__" in folder or os.path.basename(folder) in ("build", "dist"):
                continue
            for name in sorted(names):
                path = os.path.join(folder, name)
                if name.endswith((".pyc", ".whl")):
                    continue
                sdist.add(path, arcname=os.path.join(base, os.path.relpath(path, ROOT)), recursive=False)
        _, metadata = _metadata()
        info = tarfile.TarInfo(f"{base}/PKG-INFO")
        data = metadata.encode()
        info.size = len(data)
        sdist.addfile(info, io.BytesIO(data))
    return filename
