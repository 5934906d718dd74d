
use builtin;
use str;

set edit:completion:arg-completer[csplan] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'csplan'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'csplan'= {
            cand -q 'Print no notes or warnings on stderr (errors, and why a gate failed, still print)'
            cand --quiet 'Print no notes or warnings on stderr (errors, and why a gate failed, still print)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand plan 'Plan and print the month-by-month hiring timeline'
            cand check 'Validate a base file (every check, the planner''s limits too); print a one-line summary'
            cand explain 'List the rule book: id, source seed, default figures, what each rule does'
            cand health 'Score accounts from a CSV: green / yellow / red per segment, ARR at risk, playbooks'
            cand diff 'Compare two plans (each a base TOML or a saved JSON plan), period by period'
            cand review 'The budget review: actuals against the approved plan, and a re-forecast of the rest'
            cand schema 'Print the JSON Schema of the input or of an output'
            cand init 'Print a commented starter base for a company at a stage'
            cand completions 'Print shell completions'
            cand man 'Print the man page (roff), of csplan or of one command'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'csplan;plan'= {
            cand --format 'Output format [default: the one the -o file''s extension names (.json, .csv, .md, .xlsx), else table]'
            cand --period 'One row per month, fiscal quarter or fiscal year (a quarter or year shows its end state and its hires and cost; a period the plan starts or ends inside is marked partial)'
            cand --months 'Months to plan, overriding horizon_months (1..=120)'
            cand --stance 'Stance, overriding the file''s'
            cand -o 'Write to FILE instead of stdout (atomically: a temp file, then rename; `-` is stdout)'
            cand --output 'Write to FILE instead of stdout (atomically: a temp file, then rename; `-` is stdout)'
            cand --accounts 'Plan each segment with the churn its accounts'' health implies (see `csplan health`)'
            cand --as-of 'With --accounts: the date renewals count from (default [health] as_of, else start)'
            cand --chart 'Also draw the plan as a chart into FILE, an SVG or a PNG by its extension (ARR, team by role, requisitions, CSM cost against the spend cap)'
            cand --color 'When to colour the table: auto (a terminal without NO_COLOR), always or never'
            cand --simulate 'Monte Carlo: plan N times, each range in the base drawn anew, and print P10/P50/P90 bands per period (1..=100000)'
            cand --seed 'Seed of the simulation''s draws (default 0): the same seed gives the same output'
            cand --fail-over-cap 'Exit 1 when any month breaks the CSM spend cap'
            cand --within-budget 'Fit the plan to the budget: CSM spend never over csm_spend_cap, CS cost per fiscal year never over cs_budget_per_year when given; CSM hires start when the money affords them, and what that gives up is reported per segment (rule budget-fit)'
            cand --compare-stances 'Plan lean, balanced and ahead and print them side by side instead of one plan'
            cand -q 'Print no notes or warnings on stderr (errors, and why a gate failed, still print)'
            cand --quiet 'Print no notes or warnings on stderr (errors, and why a gate failed, still print)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'csplan;check'= {
            cand -q 'Print no notes or warnings on stderr (errors, and why a gate failed, still print)'
            cand --quiet 'Print no notes or warnings on stderr (errors, and why a gate failed, still print)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'csplan;explain'= {
            cand --sources 'List the source articles the rules cite (SPEC §8): id, title, file, what each gives'
            cand --keys 'List every key a base file may hold, with its default and allowed range'
            cand -q 'Print no notes or warnings on stderr (errors, and why a gate failed, still print)'
            cand --quiet 'Print no notes or warnings on stderr (errors, and why a gate failed, still print)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'csplan;health'= {
            cand --base 'A base TOML whose [health] table, start month and currency to use'
            cand --as-of 'The date renewal windows and account ages count from (default: [health] as_of, else the first day of [company] start)'
            cand --format 'Output format [default: the one the -o file''s extension names (.json, .csv, .xlsx), else table]'
            cand --top 'At-risk accounts listed per segment, 0..=1000 (overrides [health] top_at_risk)'
            cand -o 'Write to FILE instead of stdout (atomically: a temp file, then rename)'
            cand --output 'Write to FILE instead of stdout (atomically: a temp file, then rename)'
            cand -q 'Print no notes or warnings on stderr (errors, and why a gate failed, still print)'
            cand --quiet 'Print no notes or warnings on stderr (errors, and why a gate failed, still print)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'csplan;diff'= {
            cand --format 'Output format [default: the one the -o file''s extension names, else table]'
            cand --period 'Compare month by month (default, unless a side is in longer periods), quarter by quarter or fiscal year by fiscal year'
            cand -o 'Write to FILE instead of stdout (atomically: a temp file, then rename)'
            cand --output 'Write to FILE instead of stdout (atomically: a temp file, then rename)'
            cand --fail-if-increase 'Exit 1 when total CS cost over the compared periods rises by more than PCT percent (e.g. 5 for 5%; 0 fails on any increase)'
            cand -q 'Print no notes or warnings on stderr (errors, and why a gate failed, still print)'
            cand --quiet 'Print no notes or warnings on stderr (errors, and why a gate failed, still print)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'csplan;review'= {
            cand --base 'With a saved JSON plan: the base it was made from, to re-forecast from'
            cand --period 'Compare month by month, quarter by quarter, or by fiscal year'
            cand --format 'Output format; when absent, the one the -o file''s extension names, else table. The workbook''s Variance sheet computes each variance (actual − plan), its percent and its mark as live formulas; Hires, Re-forecast and Re-forecast hires sheets follow'
            cand -o 'Write to FILE instead of stdout (atomically: a temp file, then rename)'
            cand --output 'Write to FILE instead of stdout (atomically: a temp file, then rename)'
            cand --as-of 'The month of the review (a plan month, 2027-06): a row after it is refused as in the future'
            cand --fail-if-over-budget 'Exit 1 when actual CS spend to date exceeds the plan''s over the same months by more than PCT percent (e.g. 5 for 5%; 0 fails on any overspend)'
            cand -q 'Print no notes or warnings on stderr (errors, and why a gate failed, still print)'
            cand --quiet 'Print no notes or warnings on stderr (errors, and why a gate failed, still print)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'csplan;schema'= {
            cand -o 'Write to FILE instead of stdout (atomically)'
            cand --output 'Write to FILE instead of stdout (atomically)'
            cand -q 'Print no notes or warnings on stderr (errors, and why a gate failed, still print)'
            cand --quiet 'Print no notes or warnings on stderr (errors, and why a gate failed, still print)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'csplan;init'= {
            cand --stage 'The kind of company the starter base describes'
            cand -o 'Write to FILE instead of stdout; refuses to replace an existing file without --force'
            cand --output 'Write to FILE instead of stdout; refuses to replace an existing file without --force'
            cand --force 'Replace FILE if it exists'
            cand -q 'Print no notes or warnings on stderr (errors, and why a gate failed, still print)'
            cand --quiet 'Print no notes or warnings on stderr (errors, and why a gate failed, still print)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'csplan;completions'= {
            cand -q 'Print no notes or warnings on stderr (errors, and why a gate failed, still print)'
            cand --quiet 'Print no notes or warnings on stderr (errors, and why a gate failed, still print)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'csplan;man'= {
            cand --dir 'Write every page into DIR instead: csplan.1 and csplan-COMMAND.1 for each command, so the pages they refer to are installed with them'
            cand -q 'Print no notes or warnings on stderr (errors, and why a gate failed, still print)'
            cand --quiet 'Print no notes or warnings on stderr (errors, and why a gate failed, still print)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'csplan;help'= {
            cand plan 'Plan and print the month-by-month hiring timeline'
            cand check 'Validate a base file (every check, the planner''s limits too); print a one-line summary'
            cand explain 'List the rule book: id, source seed, default figures, what each rule does'
            cand health 'Score accounts from a CSV: green / yellow / red per segment, ARR at risk, playbooks'
            cand diff 'Compare two plans (each a base TOML or a saved JSON plan), period by period'
            cand review 'The budget review: actuals against the approved plan, and a re-forecast of the rest'
            cand schema 'Print the JSON Schema of the input or of an output'
            cand init 'Print a commented starter base for a company at a stage'
            cand completions 'Print shell completions'
            cand man 'Print the man page (roff), of csplan or of one command'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'csplan;help;plan'= {
        }
        &'csplan;help;check'= {
        }
        &'csplan;help;explain'= {
        }
        &'csplan;help;health'= {
        }
        &'csplan;help;diff'= {
        }
        &'csplan;help;review'= {
        }
        &'csplan;help;schema'= {
        }
        &'csplan;help;init'= {
        }
        &'csplan;help;completions'= {
        }
        &'csplan;help;man'= {
        }
        &'csplan;help;help'= {
        }
    ]
    $completions[$command]
}
