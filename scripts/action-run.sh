#!/usr/bin/env bash
# The csplan Action's run step (action.yml): plan the base, compare it with a baseline, review
# the actuals against the approved plan, write the job summary, the step's outputs and the
# worst exit code (2 bad input, 1 a gate failed, 0 fine). Every command runs whatever the one
# before returned, so every output that can be written is; what csplan says on stderr goes to
# the log and closes the summary.
#
# Reads the INPUT_* variables action.yml sets, CSPLAN (the binary, default csplan on PATH),
# GITHUB_STEP_SUMMARY and GITHUB_OUTPUT (each skipped when unset).
set -uo pipefail

csplan=${CSPLAN:-csplan}
base=${INPUT_BASE:-base.toml}
period=${INPUT_PERIOD:-quarter}
out=${INPUT_OUTPUT_DIR:-csplan-out}
summary_file=${GITHUB_STEP_SUMMARY:-/dev/null}
[ "${INPUT_SUMMARY:-true}" = true ] || summary_file=/dev/null
mkdir -p "$out"
says=$out/csplan-says.txt
: > "$says"

worst=0
keep() {
  local code=0
  "$@" 2>> "$says" || code=$?
  if [ "$code" -gt "$worst" ]; then worst=$code; fi
}
summary() { cat "$@" >> "$summary_file"; echo >> "$summary_file"; }
enabled() { [ "$1" = true ]; }

# The plan: Markdown (with the cap gate), the chart, and JSON to keep or compare later.
plan_args=(plan "$base" --period "$period" --format markdown -o "$out/plan.md")
if enabled "${INPUT_CHART:-true}"; then plan_args+=(--chart "$out/plan.png"); fi
if enabled "${INPUT_FAIL_OVER_CAP:-true}"; then plan_args+=(--fail-over-cap); fi
keep "$csplan" "${plan_args[@]}"
if [ -f "$out/plan.md" ]; then
  summary "$out/plan.md"
  keep "$csplan" plan "$base" --format json -o "$out/plan.json"
else
  echo "**csplan could not plan $base**: its message is below." | summary
fi

# The comparison: with a baseline file, or with the base as a git ref has it.
baseline=${INPUT_BASELINE:-}
ref=${INPUT_BASELINE_REF:-}
if [ -z "$baseline" ] && [ -n "$ref" ]; then
  if git cat-file -e "$ref:$base" 2> /dev/null; then
    baseline=$out/baseline.toml
    git show "$ref:$base" > "$baseline"
  else
    echo "No \`$base\` on \`$ref\` yet: this change adds it, so there is no plan to compare with." | summary
  fi
fi
if [ -n "$baseline" ]; then
  diff_args=(diff "$baseline" "$base" --period "$period" --format markdown -o "$out/diff.md")
  if [ -n "${INPUT_FAIL_IF_INCREASE:-}" ]; then diff_args+=(--fail-if-increase "$INPUT_FAIL_IF_INCREASE"); fi
  keep "$csplan" "${diff_args[@]}"
  if [ -f "$out/diff.md" ]; then summary "$out/diff.md"; fi
fi

# The review: the months lived against the plan the board approved, re-forecast from the base.
if [ -n "${INPUT_APPROVED_PLAN:-}" ] && [ -n "${INPUT_ACTUALS:-}" ] &&
  { [ ! -f "$INPUT_APPROVED_PLAN" ] || [ ! -f "$INPUT_ACTUALS" ]; }; then
  echo "No review: \`$INPUT_APPROVED_PLAN\` and \`$INPUT_ACTUALS\` are not both in the repository yet." | summary
elif [ -n "${INPUT_APPROVED_PLAN:-}" ] && [ -n "${INPUT_ACTUALS:-}" ]; then
  review_args=(review "$INPUT_APPROVED_PLAN" "$INPUT_ACTUALS" --base "$base" --period "$period"
    --format markdown -o "$out/review.md")
  if [ -n "${INPUT_FAIL_IF_OVER_BUDGET:-}" ]; then
    review_args+=(--fail-if-over-budget "$INPUT_FAIL_IF_OVER_BUDGET")
  fi
  keep "$csplan" "${review_args[@]}"
  if [ -f "$out/review.md" ]; then summary "$out/review.md"; fi
fi

# Why the job fails (a gate, or the file and line of bad input), in the log and on the summary.
if [ -s "$says" ]; then
  cat "$says" >&2
  {
    echo "**csplan says** (exit $worst):"
    echo
    echo '```text'
    cat "$says"
    echo '```'
  } | summary
else
  rm -f "$says"
fi

if [ -n "${GITHUB_OUTPUT:-}" ]; then
  path_of() { if [ -f "$out/$1" ]; then echo "$out/$1"; fi; }
  {
    echo "exit-code=$worst"
    echo "plan=$(path_of plan.md)"
    echo "plan-json=$(path_of plan.json)"
    echo "chart=$(path_of plan.png)"
    echo "diff=$(path_of diff.md)"
    echo "review=$(path_of review.md)"
    delimiter=csplan-files-$RANDOM$RANDOM
    echo "files<<$delimiter"
    find "$out" -maxdepth 1 -type f | LC_ALL=C sort
    echo "$delimiter"
  } >> "$GITHUB_OUTPUT"
fi
exit "$worst"
