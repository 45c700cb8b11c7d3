#!/bin/sh
# Quick start, step 2: run every test. Widget tests need a display, so the
# suite runs under a virtual X server (-noreset: Xvfb otherwise resets when
# its last client leaves and the next test cannot connect).
set -eu
cd "$(dirname "$0")/.."

[ -f build/build.ninja ] || meson setup build
ninja -C build
exec xvfb-run -a -s '-noreset -screen 0 1280x800x24' \
  meson test -C build --print-errorlogs --num-processes 2 "$@"
