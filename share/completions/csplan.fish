# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_csplan_global_optspecs
    string join \n q/quiet h/help V/version
end

function __fish_csplan_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_csplan_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_csplan_using_subcommand
    set -l cmd (__fish_csplan_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c csplan -n "__fish_csplan_needs_command" -s q -l quiet -d 'Print no notes or warnings on stderr (errors, and why a gate failed, still print)'
complete -c csplan -n "__fish_csplan_needs_command" -s h -l help -d 'Print help'
complete -c csplan -n "__fish_csplan_needs_command" -s V -l version -d 'Print version'
complete -c csplan -n "__fish_csplan_needs_command" -f -a "plan" -d 'Plan and print the month-by-month hiring timeline'
complete -c csplan -n "__fish_csplan_needs_command" -f -a "check" -d 'Validate a base file (every check, the planner\'s limits too); print a one-line summary'
complete -c csplan -n "__fish_csplan_needs_command" -f -a "explain" -d 'List the rule book: id, source seed, default figures, what each rule does'
complete -c csplan -n "__fish_csplan_needs_command" -f -a "health" -d 'Score accounts from a CSV: green / yellow / red per segment, ARR at risk, playbooks'
complete -c csplan -n "__fish_csplan_needs_command" -f -a "diff" -d 'Compare two plans (each a base TOML or a saved JSON plan), period by period'
complete -c csplan -n "__fish_csplan_needs_command" -f -a "review" -d 'The budget review: actuals against the approved plan, and a re-forecast of the rest'
complete -c csplan -n "__fish_csplan_needs_command" -f -a "schema" -d 'Print the JSON Schema of the input or of an output'
complete -c csplan -n "__fish_csplan_needs_command" -f -a "init" -d 'Print a commented starter base for a company at a stage'
complete -c csplan -n "__fish_csplan_needs_command" -f -a "completions" -d 'Print shell completions'
complete -c csplan -n "__fish_csplan_needs_command" -f -a "man" -d 'Print the man page (roff), of csplan or of one command'
complete -c csplan -n "__fish_csplan_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c csplan -n "__fish_csplan_using_subcommand plan" -l format -d 'Output format [default: the one the -o file\'s extension names (.json, .csv, .md, .xlsx), else table]' -r -f -a "table\t'Aligned text for a terminal'
json\t'One JSON object, its layout as `csplan schema` prints it (a review: schema_version 2)'
csv\t'A header, then one row per period (RFC 4180)'
markdown\t'Markdown, for a pull-request comment'
xlsx\t'An Excel workbook: a plan\'s costs, a diff\'s changes and a review\'s variances are live formulas (binary: written with -o or into a pipe)'"
complete -c csplan -n "__fish_csplan_using_subcommand plan" -l period -d 'One row per month, fiscal quarter or fiscal year (a quarter or year shows its end state and its hires and cost; a period the plan starts or ends inside is marked partial)' -r -f -a "month\t'One row per month'
quarter\t'One row per quarter of the fiscal year ([company] fiscal_year_start)'
year\t'One row per fiscal year, named by the calendar year it ends in (FY2028)'"
complete -c csplan -n "__fish_csplan_using_subcommand plan" -l months -d 'Months to plan, overriding horizon_months (1..=120)' -r
complete -c csplan -n "__fish_csplan_using_subcommand plan" -l stance -d 'Stance, overriding the file\'s' -r -f -a "lean\t'$2M per CSM, hire in arrears, first CSM at break-even'
balanced\t'$2M per CSM, hire ahead, first CSM at break-even or ~$1M ARR / 100 customers'
ahead\t'$1M per CSM, hire ahead, dedicated CSMs for big or self-funding segments'"
complete -c csplan -n "__fish_csplan_using_subcommand plan" -s o -l output -d 'Write to FILE instead of stdout (atomically: a temp file, then rename; `-` is stdout)' -r -F
complete -c csplan -n "__fish_csplan_using_subcommand plan" -l accounts -d 'Plan each segment with the churn its accounts\' health implies (see `csplan health`)' -r -F
complete -c csplan -n "__fish_csplan_using_subcommand plan" -l as-of -d 'With --accounts: the date renewals count from (default [health] as_of, else start)' -r
complete -c csplan -n "__fish_csplan_using_subcommand plan" -l chart -d 'Also draw the plan as a chart into FILE, an SVG or a PNG by its extension (ARR, team by role, requisitions, CSM cost against the spend cap)' -r -F
complete -c csplan -n "__fish_csplan_using_subcommand plan" -l color -d 'When to colour the table: auto (a terminal without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c csplan -n "__fish_csplan_using_subcommand plan" -l simulate -d 'Monte Carlo: plan N times, each range in the base drawn anew, and print P10/P50/P90 bands per period (1..=100000)' -r
complete -c csplan -n "__fish_csplan_using_subcommand plan" -l seed -d 'Seed of the simulation\'s draws (default 0): the same seed gives the same output' -r
complete -c csplan -n "__fish_csplan_using_subcommand plan" -l fail-over-cap -d 'Exit 1 when any month breaks the CSM spend cap'
complete -c csplan -n "__fish_csplan_using_subcommand plan" -l within-budget -d 'Fit the plan to the budget: CSM spend never over csm_spend_cap, CS cost per fiscal year never over cs_budget_per_year when given; CSM hires start when the money affords them, and what that gives up is reported per segment (rule budget-fit)'
complete -c csplan -n "__fish_csplan_using_subcommand plan" -l compare-stances -d 'Plan lean, balanced and ahead and print them side by side instead of one plan'
complete -c csplan -n "__fish_csplan_using_subcommand plan" -s q -l quiet -d 'Print no notes or warnings on stderr (errors, and why a gate failed, still print)'
complete -c csplan -n "__fish_csplan_using_subcommand plan" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c csplan -n "__fish_csplan_using_subcommand check" -s q -l quiet -d 'Print no notes or warnings on stderr (errors, and why a gate failed, still print)'
complete -c csplan -n "__fish_csplan_using_subcommand check" -s h -l help -d 'Print help'
complete -c csplan -n "__fish_csplan_using_subcommand explain" -l sources -d 'List the source articles the rules cite (SPEC §8): id, title, file, what each gives'
complete -c csplan -n "__fish_csplan_using_subcommand explain" -l keys -d 'List every key a base file may hold, with its default and allowed range'
complete -c csplan -n "__fish_csplan_using_subcommand explain" -s q -l quiet -d 'Print no notes or warnings on stderr (errors, and why a gate failed, still print)'
complete -c csplan -n "__fish_csplan_using_subcommand explain" -s h -l help -d 'Print help'
complete -c csplan -n "__fish_csplan_using_subcommand health" -l base -d 'A base TOML whose [health] table, start month and currency to use' -r -F
complete -c csplan -n "__fish_csplan_using_subcommand health" -l as-of -d 'The date renewal windows and account ages count from (default: [health] as_of, else the first day of [company] start)' -r
complete -c csplan -n "__fish_csplan_using_subcommand health" -l format -d 'Output format [default: the one the -o file\'s extension names (.json, .csv, .xlsx), else table]' -r -f -a "table\t'Per segment: green / yellow / red, risk, top at-risk accounts, playbooks and phases'
json\t'The whole report, every account included (schema_version 1)'
csv\t'One row per account: score, colour, playbook, phase, renewal, signal scores'
xlsx\t'The CSV\'s rows as an Excel sheet (binary: written with -o or into a pipe)'"
complete -c csplan -n "__fish_csplan_using_subcommand health" -l top -d 'At-risk accounts listed per segment, 0..=1000 (overrides [health] top_at_risk)' -r
complete -c csplan -n "__fish_csplan_using_subcommand health" -s o -l output -d 'Write to FILE instead of stdout (atomically: a temp file, then rename)' -r -F
complete -c csplan -n "__fish_csplan_using_subcommand health" -s q -l quiet -d 'Print no notes or warnings on stderr (errors, and why a gate failed, still print)'
complete -c csplan -n "__fish_csplan_using_subcommand health" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c csplan -n "__fish_csplan_using_subcommand diff" -l format -d 'Output format [default: the one the -o file\'s extension names, else table]' -r -f -a "table\t'Aligned text for a terminal'
json\t'One JSON object, its layout as `csplan schema` prints it (a review: schema_version 2)'
csv\t'A header, then one row per period (RFC 4180)'
markdown\t'Markdown, for a pull-request comment'
xlsx\t'An Excel workbook: a plan\'s costs, a diff\'s changes and a review\'s variances are live formulas (binary: written with -o or into a pipe)'"
complete -c csplan -n "__fish_csplan_using_subcommand diff" -l period -d 'Compare month by month (default, unless a side is in longer periods), quarter by quarter or fiscal year by fiscal year' -r -f -a "month\t'One row per month'
quarter\t'One row per quarter of the fiscal year ([company] fiscal_year_start)'
year\t'One row per fiscal year, named by the calendar year it ends in (FY2028)'"
complete -c csplan -n "__fish_csplan_using_subcommand diff" -s o -l output -d 'Write to FILE instead of stdout (atomically: a temp file, then rename)' -r -F
complete -c csplan -n "__fish_csplan_using_subcommand diff" -l fail-if-increase -d 'Exit 1 when total CS cost over the compared periods rises by more than PCT percent (e.g. 5 for 5%; 0 fails on any increase)' -r
complete -c csplan -n "__fish_csplan_using_subcommand diff" -s q -l quiet -d 'Print no notes or warnings on stderr (errors, and why a gate failed, still print)'
complete -c csplan -n "__fish_csplan_using_subcommand diff" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c csplan -n "__fish_csplan_using_subcommand review" -l base -d 'With a saved JSON plan: the base it was made from, to re-forecast from' -r -F
complete -c csplan -n "__fish_csplan_using_subcommand review" -l period -d 'Compare month by month, quarter by quarter, or by fiscal year' -r -f -a "month\t''
quarter\t''
year\t''"
complete -c csplan -n "__fish_csplan_using_subcommand review" -l format -d 'Output format; when absent, the one the -o file\'s extension names, else table. The workbook\'s Variance sheet computes each variance (actual − plan), its percent and its mark as live formulas; Hires, Re-forecast and Re-forecast hires sheets follow' -r -f -a "table\t'Aligned text for a terminal'
json\t'One JSON object, its layout as `csplan schema` prints it (a review: schema_version 2)'
csv\t'A header, then one row per period (RFC 4180)'
markdown\t'Markdown, for a pull-request comment'
xlsx\t'An Excel workbook: a plan\'s costs, a diff\'s changes and a review\'s variances are live formulas (binary: written with -o or into a pipe)'"
complete -c csplan -n "__fish_csplan_using_subcommand review" -s o -l output -d 'Write to FILE instead of stdout (atomically: a temp file, then rename)' -r -F
complete -c csplan -n "__fish_csplan_using_subcommand review" -l as-of -d 'The month of the review (a plan month, 2027-06): a row after it is refused as in the future' -r
complete -c csplan -n "__fish_csplan_using_subcommand review" -l fail-if-over-budget -d 'Exit 1 when actual CS spend to date exceeds the plan\'s over the same months by more than PCT percent (e.g. 5 for 5%; 0 fails on any overspend)' -r
complete -c csplan -n "__fish_csplan_using_subcommand review" -s q -l quiet -d 'Print no notes or warnings on stderr (errors, and why a gate failed, still print)'
complete -c csplan -n "__fish_csplan_using_subcommand review" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c csplan -n "__fish_csplan_using_subcommand schema" -s o -l output -d 'Write to FILE instead of stdout (atomically)' -r -F
complete -c csplan -n "__fish_csplan_using_subcommand schema" -s q -l quiet -d 'Print no notes or warnings on stderr (errors, and why a gate failed, still print)'
complete -c csplan -n "__fish_csplan_using_subcommand schema" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c csplan -n "__fish_csplan_using_subcommand init" -l stage -d 'The kind of company the starter base describes' -r -f -a "seed\t'Under $1M ARR, no one dedicated to customers yet, two segments'
growth\t'About $3M ARR, two CSMs and a support hire, SMB / mid-market / enterprise'
scale\t'About $12M ARR, a CS organisation with a lead, ticket and onboarding-hour data'"
complete -c csplan -n "__fish_csplan_using_subcommand init" -s o -l output -d 'Write to FILE instead of stdout; refuses to replace an existing file without --force' -r -F
complete -c csplan -n "__fish_csplan_using_subcommand init" -l force -d 'Replace FILE if it exists'
complete -c csplan -n "__fish_csplan_using_subcommand init" -s q -l quiet -d 'Print no notes or warnings on stderr (errors, and why a gate failed, still print)'
complete -c csplan -n "__fish_csplan_using_subcommand init" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c csplan -n "__fish_csplan_using_subcommand completions" -s q -l quiet -d 'Print no notes or warnings on stderr (errors, and why a gate failed, still print)'
complete -c csplan -n "__fish_csplan_using_subcommand completions" -s h -l help -d 'Print help'
complete -c csplan -n "__fish_csplan_using_subcommand man" -l dir -d 'Write every page into DIR instead: csplan.1 and csplan-COMMAND.1 for each command, so the pages they refer to are installed with them' -r -F
complete -c csplan -n "__fish_csplan_using_subcommand man" -s q -l quiet -d 'Print no notes or warnings on stderr (errors, and why a gate failed, still print)'
complete -c csplan -n "__fish_csplan_using_subcommand man" -s h -l help -d 'Print help'
complete -c csplan -n "__fish_csplan_using_subcommand help; and not __fish_seen_subcommand_from plan check explain health diff review schema init completions man help" -f -a "plan" -d 'Plan and print the month-by-month hiring timeline'
complete -c csplan -n "__fish_csplan_using_subcommand help; and not __fish_seen_subcommand_from plan check explain health diff review schema init completions man help" -f -a "check" -d 'Validate a base file (every check, the planner\'s limits too); print a one-line summary'
complete -c csplan -n "__fish_csplan_using_subcommand help; and not __fish_seen_subcommand_from plan check explain health diff review schema init completions man help" -f -a "explain" -d 'List the rule book: id, source seed, default figures, what each rule does'
complete -c csplan -n "__fish_csplan_using_subcommand help; and not __fish_seen_subcommand_from plan check explain health diff review schema init completions man help" -f -a "health" -d 'Score accounts from a CSV: green / yellow / red per segment, ARR at risk, playbooks'
complete -c csplan -n "__fish_csplan_using_subcommand help; and not __fish_seen_subcommand_from plan check explain health diff review schema init completions man help" -f -a "diff" -d 'Compare two plans (each a base TOML or a saved JSON plan), period by period'
complete -c csplan -n "__fish_csplan_using_subcommand help; and not __fish_seen_subcommand_from plan check explain health diff review schema init completions man help" -f -a "review" -d 'The budget review: actuals against the approved plan, and a re-forecast of the rest'
complete -c csplan -n "__fish_csplan_using_subcommand help; and not __fish_seen_subcommand_from plan check explain health diff review schema init completions man help" -f -a "schema" -d 'Print the JSON Schema of the input or of an output'
complete -c csplan -n "__fish_csplan_using_subcommand help; and not __fish_seen_subcommand_from plan check explain health diff review schema init completions man help" -f -a "init" -d 'Print a commented starter base for a company at a stage'
complete -c csplan -n "__fish_csplan_using_subcommand help; and not __fish_seen_subcommand_from plan check explain health diff review schema init completions man help" -f -a "completions" -d 'Print shell completions'
complete -c csplan -n "__fish_csplan_using_subcommand help; and not __fish_seen_subcommand_from plan check explain health diff review schema init completions man help" -f -a "man" -d 'Print the man page (roff), of csplan or of one command'
complete -c csplan -n "__fish_csplan_using_subcommand help; and not __fish_seen_subcommand_from plan check explain health diff review schema init completions man help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
