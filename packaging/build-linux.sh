#!/bin/sh
# Build the standalone Linux app, with nothing but Python on the build machine:
#   sh packaging/build-linux.sh
# gives dist/attune-desktop/ (a folder build: run dist/attune-desktop/attune-desktop, or copy
# the folder to a machine without Python) and, where dpkg-deb is found (Debian, Ubuntu),
# dist/attune-desktop_<version>_<arch>.deb. About 1.5 minutes on a quiet machine; see
# docs/decisions/0009-standalone-builds.md.
#
#   ATTUNE_BUILD_PYTHON=/path/to/python   build with that environment (it must have the app
#                                          installed) instead of setting up .venv
#   ATTUNE_DIST=DIR                        put the results in DIR instead of dist/
#   ATTUNE_NO_DEB=1                        stop after the folder build
set -eu
cd "$(dirname "$0")/.."
python=${ATTUNE_BUILD_PYTHON:-}
if [ -z "$python" ]; then
  sh .ci/bootstrap
  python=.venv/bin/python
fi
dist=${ATTUNE_DIST:-dist}
work=${ATTUNE_BUILD_WORK:-build/pyinstaller}

"$python" -c "import PyInstaller" 2>/dev/null ||
  "$python" -m pip install -q --disable-pip-version-check "pyinstaller>=6.10,<7"
"$python" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$dist" --workpath "$work" packaging/attune-desktop.spec
echo "Built $dist/attune-desktop/ ($(du -sh "$dist/attune-desktop" | cut -f1))"

if [ "${ATTUNE_NO_DEB:-}" != 1 ] && command -v dpkg-deb >/dev/null 2>&1; then
  sh packaging/build-deb.sh "$dist/attune-desktop" "$dist"
fi
