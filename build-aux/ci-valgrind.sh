#!/bin/sh
# Runs the command line under valgrind's memcheck over every path a script or
# a maintainer can take: --version, --evaluate (text, JSON, PDFs, standard
# input) with good and hostile requests, --validate-policy with good and
# hostile policies, --policy with a broken file, and a refused system-wide
# policy. Any memory error or definite leak fails (third-party noise is in
# build-aux/valgrind.supp), and so does a crash.
#
#   build-aux/ci-valgrind.sh             builds into build-valgrind
#   VALGRIND_BUILD_DIR=/tmp/x build-aux/ci-valgrind.sh
#
# Prints "valgrind: N runs, N failed" last; exits non-zero on a failure.
set -eu

cd "$(dirname "$0")/.."
SRC=$(pwd)
BUILD=${VALGRIND_BUILD_DIR:-build-valgrind}

if [ ! -f "$BUILD/build.ninja" ]; then
  meson setup "$BUILD" -Db_sanitize=none >/dev/null
fi
ninja -C "$BUILD" src/msk-mri-advisor src/msk-mri-advisor-pdf >/dev/null
BIN="$BUILD/src/msk-mri-advisor"

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT INT TERM
mkdir -p "$TMP/logs" "$TMP/no-config" "$TMP/bad-config/msk-mri-advisor"

export G_SLICE=always-malloc
export G_DEBUG=gc-friendly
export XDG_CONFIG_DIRS="$TMP/no-config"

runs=0
failed=0

# vg NAME WANT_STATUS [STDIN_FILE] -- ARGS...
# WANT_STATUS is the exit status the program must give, or "any" when only
# memory safety is in question (hostile inputs whose status test-hostile
# checks).
vg() {
  name=$1 want=$2 input=$3
  shift 4
  runs=$((runs + 1))
  log="$TMP/logs/$runs.log"
  status=0
  # --trace-children: a PDF is written by msk-mri-advisor-pdf, which the
  # front door execs; each process logs to a file of its own.
  valgrind --quiet --error-exitcode=99 --leak-check=full --show-leak-kinds=definite \
    --errors-for-leak-kinds=definite --track-origins=yes --num-callers=30 \
    --trace-children=yes --suppressions="$SRC/build-aux/valgrind.supp" --log-file="$log.%p.%n" \
    "$BIN" "$@" <"$input" >"$TMP/out" 2>"$TMP/err" || status=$?
  cat "$log".* >"$log" 2>/dev/null || :
  rm -f "$log".*
  why=""
  if [ "$status" -eq 99 ]; then
    why="memory error or definite leak"
  elif [ "$status" -ge 126 ]; then
    why="crashed (status $status)"
  elif [ "$want" != any ] && [ "$status" -ne "$want" ]; then
    why="exit status $status, want $want"
  fi
  if [ -n "$why" ]; then
    failed=$((failed + 1))
    echo "FAIL $name: $why"
    sed 's/^/  | /' "$log" | head -n 60
    sed 's/^/  stderr| /' "$TMP/err" | head -n 5
  fi
}

GOOD="$SRC/tests/fuzz/corpus-request/product-example.json"
SPINE="$SRC/tests/fuzz/corpus-request/fcp-gov.json"
CES="$SRC/tests/fuzz/corpus-request/all-concerns.json"
# The bundled policy's file name is said once, in data/meson.build.
BUNDLED="$SRC/data/policy/$(sed -n "s/^bundled_policy_name = '\(.*\)'$/\1/p" "$SRC/data/meson.build")"
BROKEN="$SRC/tests/fuzz/corpus-policy/broken-three.json"

vg version 0 /dev/null -- --version
for req in "$GOOD" "$SPINE" "$CES"; do
  n=$(basename "$req" .json)
  vg "evaluate-text-$n" 0 /dev/null -- --evaluate "$req" --date 2026-01-01
  vg "evaluate-json-$n" 0 /dev/null -- --evaluate "$req" --date 2030-01-01 --format json
  vg "evaluate-pdf-$n" 0 /dev/null -- --evaluate "$req" --date 2026-01-01 \
    --pdf "$TMP/out.pdf" --patient-pdf "$TMP/patient.pdf"
  vg "evaluate-stdin-$n" 0 "$req" -- --evaluate - --date 2026-01-01 --format json
done
vg evaluate-missing-file 1 /dev/null -- --evaluate "$TMP/no-such-request.json"
vg bad-date 2 /dev/null -- --evaluate "$GOOD" --date 2026-02-30
vg bad-format 2 /dev/null -- --evaluate "$GOOD" --format xml

for req in "$SRC"/tests/hostile/request/*; do
  vg "hostile-request-$(basename "$req")" any /dev/null -- --evaluate "$req" --date 2026-01-01
done
vg hostile-request-stdin any "$SRC/tests/hostile/request/binary.bin" -- --evaluate - --format json

vg validate-bundled 0 /dev/null -- --validate-policy "$BUNDLED"
vg validate-broken 2 /dev/null -- --validate-policy "$BROKEN"
for pol in "$SRC"/tests/hostile/policy/*; do
  vg "hostile-policy-$(basename "$pol")" any /dev/null -- --validate-policy "$pol"
done
for pol in "$SRC"/tests/hostile/valid-policy/*; do
  [ -f "$pol" ] || continue
  vg "valid-policy-$(basename "$pol")" 0 /dev/null -- --policy "$pol" --evaluate "$CES" --date 2030-01-01 --format json
done
# Two pathways that need a borough, fired together with no borough given,
# past the review date: the engine's warning array at its fullest.
sed -e 's/"resource": "cancer_pathways" }/"resource": "cancer_pathways", "needs_borough": true }/' \
    -e 's/London.", "resource": "nel_msk_portal" }/London.", "resource": "nel_msk_portal", "needs_borough": true }/' \
    "$BUNDLED" >"$TMP/two-borough.json"
vg policy-two-borough-routes 0 /dev/null -- --policy "$TMP/two-borough.json" --evaluate "$CES" --date 2030-01-01 --format json
vg policy-option-broken 2 /dev/null -- --policy "$BROKEN" --evaluate "$GOOD"
vg policy-option-good 0 /dev/null -- --policy "$BUNDLED" --evaluate "$GOOD" --format json

# A system-wide file that is refused: a warning, then the bundled policy.
cp "$BROKEN" "$TMP/bad-config/msk-mri-advisor/policy.json"
XDG_CONFIG_DIRS="$TMP/bad-config" vg system-policy-refused 0 /dev/null -- --evaluate "$GOOD" --format json

# Issue #11: a FIFO as the system-wide policy (refused at once, bundled
# used), outputs that must be refused (a device, the input, each other),
# and a note full of terminal sequences and bidi controls through every
# output.
mkdir -p "$TMP/fifo-config/msk-mri-advisor"
mkfifo "$TMP/fifo-config/msk-mri-advisor/policy.json"
XDG_CONFIG_DIRS="$TMP/fifo-config" vg system-policy-fifo 0 /dev/null -- --version
cp "$GOOD" "$TMP/req.json"
vg pdf-char-device 2 /dev/null -- --evaluate "$TMP/req.json" --pdf /dev/null
vg pdf-same-as-input 2 /dev/null -- --evaluate "$TMP/req.json" --pdf "$TMP/req.json"
vg pdf-same-for-both 2 /dev/null -- --evaluate "$TMP/req.json" --pdf "$TMP/x.pdf" --patient-pdf "$TMP/x.pdf"
for seed in "$SRC"/tests/fuzz/corpus-summary/*; do
  n=$(basename "$seed" .json)
  vg "summary-$n" 0 /dev/null -- --evaluate "$seed" --date 2026-01-01 \
    --pdf "$TMP/out.pdf" --patient-pdf "$TMP/patient.pdf"
done

echo "valgrind: $runs runs, $failed failed"
[ "$failed" -eq 0 ]
