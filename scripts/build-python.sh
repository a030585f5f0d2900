#!/usr/bin/env bash
# Builds the native library of the Python package: src/EdgeMine.Native compiled ahead of time with NativeAOT into
# python/edgemine/libedgemine.so (depends on libc and libm only). After it:
#
#   PYTHONPATH=python python3 -c "import edgemine"        # or: pip install --no-index python/
#
# Needs the .NET SDK and NativeAOT's toolchain: on Debian `apt-get install -y clang zlib1g-dev` (.ci/run installs them).
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v dotnet >/dev/null || missing+=("the .NET SDK (dotnet)")
command -v clang >/dev/null || missing+=("clang")
if [[ ! -e /usr/include/zlib.h ]]; then missing+=("zlib1g-dev"); fi
if [[ ${#missing[@]} -gt 0 ]]; then
  echo "build-python.sh: missing ${missing[*]}; NativeAOT needs clang and zlib1g-dev (apt-get install -y clang zlib1g-dev)" >&2
  exit 2
fi

case "$(uname -m)" in
  x86_64) rid=linux-x64 ;;
  aarch64 | arm64) rid=linux-arm64 ;;
  *) echo "build-python.sh: unsupported machine $(uname -m)" >&2; exit 2 ;;
esac

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
dotnet publish src/EdgeMine.Native/EdgeMine.Native.csproj -c Release -r "$rid" -o "$out" -nologo -v quiet --disable-build-servers
install -m 0755 "$out/EdgeMine.Native.so" python/edgemine/libedgemine.so
echo "built python/edgemine/libedgemine.so ($rid, $(stat -c %s python/edgemine/libedgemine.so) bytes)"
