#!/bin/sh
# Builds the libFuzzer targets with clang, ASan and UBSan, and fuzzes each
# for a bounded time. Fails on any crash, leak, sanitizer report, timeout or
# out-of-memory. A finding is copied into tests/hostile/ as a regression
# input (FUZZ_SAVE_CRASHERS=0 to skip) and the script says what to do next.
#
#   build-aux/ci-fuzz.sh                 60 s a target
#   FUZZ_SECONDS=600 build-aux/ci-fuzz.sh
#   FUZZ_TARGETS=request build-aux/ci-fuzz.sh
#
# The working corpus grows in BUILD/fuzz-corpus/<target> and is kept between
# runs; the seeds are tests/fuzz/corpus-<target>.
set -eu

cd "$(dirname "$0")/.."
SRC=$(pwd)
BUILD=${FUZZ_BUILD_DIR:-build-fuzz}
SECONDS_EACH=${FUZZ_SECONDS:-60}
TARGETS=${FUZZ_TARGETS:-request policy summary}
SAVE=${FUZZ_SAVE_CRASHERS:-1}

if ! command -v clang >/dev/null 2>&1; then
  echo "ci-fuzz: clang is needed (build-aux/install-deps.sh installs it)" >&2
  exit 1
fi

if [ -f "$BUILD/build.ninja" ]; then
  meson configure "$BUILD" -Dfuzzing=true -Db_sanitize=address,undefined -Db_lundef=false >/dev/null
else
  CC=clang meson setup "$BUILD" -Dfuzzing=true -Db_sanitize=address,undefined -Db_lundef=false >/dev/null
fi
ninja -C "$BUILD" tests/fuzz/fuzz-request tests/fuzz/fuzz-policy tests/fuzz/fuzz-summary >/dev/null

# Any report is fatal; leaks are findings. Criticals abort inside the
# targets (LLVMFuzzerInitialize); warnings do not.
export ASAN_OPTIONS="halt_on_error=1:abort_on_error=1:detect_leaks=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export G_SLICE=always-malloc
export G_DEBUG=gc-friendly
export XDG_CONFIG_DIRS="$SRC/tests/data/no-system-config"
# fuzz-summary loads fonts: fontconfig's and Pango's caches live for the process.
export LSAN_OPTIONS="suppressions=$SRC/build-aux/lsan.supp"

failed=0
for t in $TARGETS; do
  # The policy in the source tree is a seed too, so the seeds never lag
  # behind the format when it gains a field.
  extra_seeds=""
  case $t in
    request) max_len=65600 ;;  # just past MSK_REQUEST_MAX_BYTES, so the limit is crossed too
    policy)  max_len=65536      # small enough to explore; the 4 MiB limit has its own tests
             extra_seeds="$SRC/data/policy" ;;
    # Requests and policies both: an input starting {"format" is a policy.
    summary) max_len=65600
             extra_seeds="$SRC/tests/fuzz/corpus-request $SRC/tests/fuzz/corpus-policy $SRC/data/policy" ;;
    *) echo "ci-fuzz: unknown target $t" >&2; exit 1 ;;
  esac
  corpus="$BUILD/fuzz-corpus/$t"
  artifacts="$BUILD/fuzz-artifacts/$t"
  log="$BUILD/fuzz-$t.log"
  # Only this run's findings: an old one is already in tests/hostile/.
  rm -rf "$artifacts"
  mkdir -p "$corpus" "$artifacts"

  status=0
  "$BUILD/tests/fuzz/fuzz-$t" \
    -max_total_time="$SECONDS_EACH" -max_len="$max_len" \
    -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -dict="$SRC/tests/fuzz/$t.dict" \
    -artifact_prefix="$artifacts/" \
    "$corpus" "$SRC/tests/fuzz/corpus-$t" $extra_seeds >"$log" 2>&1 || status=$?

  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
  files=$(find "$corpus" -type f | wc -l)
  kib=$(du -sk "$corpus" | cut -f1)
  if [ "$status" -eq 0 ]; then
    echo "fuzz-$t: ok, ${execs:-0} executions (${rate:-0}/s) in ${SECONDS_EACH} s, corpus $files files (${kib} KiB)"
  else
    failed=$((failed + 1))
    echo "fuzz-$t: FAILED (exit $status) after ${execs:-?} executions; log $log"
    grep -m 5 -E 'ERROR|runtime error|assertion|SUMMARY' "$log" | sed 's/^/  /' || true
    for a in "$artifacts"/*; do
      [ -f "$a" ] || continue
      echo "  input: $a"
      if [ "$SAVE" = 1 ]; then
        # A summary finding is a request or a policy (by its first bytes).
        kind=$t
        if [ "$t" = summary ]; then
          if head -c 9 "$a" | grep -q '^{"format"'; then kind=policy; else kind=request; fi
        fi
        dest="$SRC/tests/hostile/$kind/fuzz-$(basename "$a")"
        cp "$a" "$dest"
        echo "  copied to ${dest#"$SRC"/}: add its line to tests/hostile/expected.txt"
        echo "  (or move it to tests/hostile/valid-policy/ if it is a valid policy that breaks the engine)"
      fi
    done
  fi
done

echo "fuzz: $(echo $TARGETS | wc -w) targets, $failed failed"
[ "$failed" -eq 0 ]
