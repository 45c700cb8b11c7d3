#!/bin/sh
# Quick start, step 1: install what the project needs, build it, start the app.
# Run as root on Debian 12 from the top of a checkout.
set -eu
cd "$(dirname "$0")/.."

./build-aux/install-deps.sh
[ -f build/build.ninja ] || meson setup build
ninja -C build

if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  exec ./build/src/msk-mri-advisor "$@"
fi

# No display (a server or a container): show that the app starts by opening
# its window on a virtual display until the first frame is drawn, then say
# how to use it for real.
echo "No display found. Opening the window on a virtual display to check it starts..."
MSK_QUIT_AFTER_FIRST_FRAME=1 GSETTINGS_BACKEND=memory \
  xvfb-run -a -s '-noreset -screen 0 1280x800x24' ./build/src/msk-mri-advisor
echo "The app started and drew its window. On a desktop, run: ./build/src/msk-mri-advisor"
echo "From the command line (no display needed): ./build/src/msk-mri-advisor --help"
