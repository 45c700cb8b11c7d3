#!/bin/sh
# Builds the project with AddressSanitizer and UndefinedBehaviorSanitizer in
# a fresh directory and runs the whole test suite under them, the way the
# README runs it (under Xvfb). Any sanitizer report fails its test; a leak
# from third-party code kept for the life of the process is suppressed by
# build-aux/lsan.supp, never one from the app's own code.
#
#   build-aux/ci-sanitizers.sh           builds into build-asan
#   SANITIZE_BUILD_DIR=/tmp/x build-aux/ci-sanitizers.sh
#   CC=clang build-aux/ci-sanitizers.sh
#
# Prints "sanitizers: N passed, N failed" last; exits non-zero on a failure.
set -eu

cd "$(dirname "$0")/.."
SRC=$(pwd)
BUILD=${SANITIZE_BUILD_DIR:-build-asan}

rm -rf "$BUILD"
meson setup "$BUILD" -Db_sanitize=address,undefined -Db_lundef=false >/dev/null
ninja -C "$BUILD"

ASAN_BASE="halt_on_error=1:abort_on_error=1:detect_leaks=1:check_initialization_order=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export LSAN_OPTIONS="suppressions=$SRC/build-aux/lsan.supp:print_suppressions=0"
# GSlice caches would hide leaks and uses after free from ASan.
export G_SLICE=always-malloc
# Mesa's software GL, which GTK opens at start-up even with the cairo
# renderer, leaves allocations LeakSanitizer reports from an unknown module.
# The GUI tests check what is shown, not how it is rasterised.
export GDK_DEBUG=gl-disable
export G_DEBUG=gc-friendly

# Full stacks on malloc: GLib and its neighbours have no frame pointers, and a
# suppression can only match a frame it sees. But the slow unwinder deadlocks
# in a GTK test whose threads exit while it unwinds (tests/summary says so
# for its clipboard test), so the tests named here run in a second pass with
# the fast unwinder: space-separated test names, as `meson test --list` ends.
FAST_UNWIND_TESTS=${SANITIZE_FAST_UNWIND_TESTS:-copy}
# The whole-window test runs without LeakSanitizer (every other check on):
# GDK's X11 backend keeps 16 bytes per run of the real application window
# (a list allocated in static functions of libgtk's X11 code, with no frame a
# suppression could name short of all of libgtk, which would hide the app's
# own leaks too), and GTK's file dialog leaves GIO work in flight at exit.
# The other GUI tests (emergency-signs, copy, ui-files) keep leak checking.
NO_LEAK_TESTS=${SANITIZE_NO_LEAK_TESTS:-window}

all=$(meson test -C "$BUILD" --list 2>/dev/null | sed -n 's|^.* / ||p')
full=""
fast=""
noleak=""
for t in $all; do
  case " $FAST_UNWIND_TESTS " in
    *" $t "*) fast="$fast $t"; continue ;;
  esac
  case " $NO_LEAK_TESTS " in
    *" $t "*) noleak="$noleak $t" ;;
    *) full="$full $t" ;;
  esac
done

# Sanitized GTK is several times slower: widget tests need the longer timeout.
status=0
# shellcheck disable=SC2086  # word splitting of the test names is wanted
ASAN_OPTIONS="$ASAN_BASE:fast_unwind_on_malloc=0" \
  xvfb-run -a -s '-noreset' meson test -C "$BUILD" --print-errorlogs --timeout-multiplier 10 \
    --logbase sanitizers-full $full || status=$?
if [ -n "$fast" ]; then
  # shellcheck disable=SC2086
  ASAN_OPTIONS="$ASAN_BASE" \
    xvfb-run -a -s '-noreset' meson test -C "$BUILD" --print-errorlogs --timeout-multiplier 10 \
      --logbase sanitizers-fast $fast || status=$?
fi

if [ -n "$noleak" ]; then
  # shellcheck disable=SC2086
  ASAN_OPTIONS="$ASAN_BASE:detect_leaks=0" \
    xvfb-run -a -s '-noreset' meson test -C "$BUILD" --print-errorlogs --timeout-multiplier 10 \
      --logbase sanitizers-noleak $noleak || status=$?
fi

# meson writes one JSON object per test to <logbase>.json.
python3 - "$BUILD"/meson-logs/sanitizers-*.json <<'EOF'
import json, sys
passed = failed = skipped = 0
for path in sys.argv[1:]:
  with open(path) as f:
    for line in f:
      r = json.loads(line)["result"]
      if r in ("OK", "EXPECTEDFAIL"):
          passed += 1
      elif r == "SKIP":
          skipped += 1
      else:
          failed += 1
if skipped:
    print(f"sanitizers: {skipped} skipped")
print(f"sanitizers: {passed} passed, {failed} failed")
EOF
exit $status
