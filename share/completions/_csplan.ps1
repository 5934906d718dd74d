
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'csplan' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'csplan'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'csplan' {
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no notes or warnings on stderr (errors, and why a gate failed, still print)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no notes or warnings on stderr (errors, and why a gate failed, still print)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('plan', 'plan', [CompletionResultType]::ParameterValue, 'Plan and print the month-by-month hiring timeline')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Validate a base file (every check, the planner''s limits too); print a one-line summary')
            [CompletionResult]::new('explain', 'explain', [CompletionResultType]::ParameterValue, 'List the rule book: id, source seed, default figures, what each rule does')
            [CompletionResult]::new('health', 'health', [CompletionResultType]::ParameterValue, 'Score accounts from a CSV: green / yellow / red per segment, ARR at risk, playbooks')
            [CompletionResult]::new('diff', 'diff', [CompletionResultType]::ParameterValue, 'Compare two plans (each a base TOML or a saved JSON plan), period by period')
            [CompletionResult]::new('review', 'review', [CompletionResultType]::ParameterValue, 'The budget review: actuals against the approved plan, and a re-forecast of the rest')
            [CompletionResult]::new('schema', 'schema', [CompletionResultType]::ParameterValue, 'Print the JSON Schema of the input or of an output')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Print a commented starter base for a company at a stage')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print shell completions')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page (roff), of csplan or of one command')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'csplan;plan' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format [default: the one the -o file''s extension names (.json, .csv, .md, .xlsx), else table]')
            [CompletionResult]::new('--period', '--period', [CompletionResultType]::ParameterName, 'One row per month, fiscal quarter or fiscal year (a quarter or year shows its end state and its hires and cost; a period the plan starts or ends inside is marked partial)')
            [CompletionResult]::new('--months', '--months', [CompletionResultType]::ParameterName, 'Months to plan, overriding horizon_months (1..=120)')
            [CompletionResult]::new('--stance', '--stance', [CompletionResultType]::ParameterName, 'Stance, overriding the file''s')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write to FILE instead of stdout (atomically: a temp file, then rename; `-` is stdout)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write to FILE instead of stdout (atomically: a temp file, then rename; `-` is stdout)')
            [CompletionResult]::new('--accounts', '--accounts', [CompletionResultType]::ParameterName, 'Plan each segment with the churn its accounts'' health implies (see `csplan health`)')
            [CompletionResult]::new('--as-of', '--as-of', [CompletionResultType]::ParameterName, 'With --accounts: the date renewals count from (default [health] as_of, else start)')
            [CompletionResult]::new('--chart', '--chart', [CompletionResultType]::ParameterName, 'Also draw the plan as a chart into FILE, an SVG or a PNG by its extension (ARR, team by role, requisitions, CSM cost against the spend cap)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the table: auto (a terminal without NO_COLOR), always or never')
            [CompletionResult]::new('--simulate', '--simulate', [CompletionResultType]::ParameterName, 'Monte Carlo: plan N times, each range in the base drawn anew, and print P10/P50/P90 bands per period (1..=100000)')
            [CompletionResult]::new('--seed', '--seed', [CompletionResultType]::ParameterName, 'Seed of the simulation''s draws (default 0): the same seed gives the same output')
            [CompletionResult]::new('--fail-over-cap', '--fail-over-cap', [CompletionResultType]::ParameterName, 'Exit 1 when any month breaks the CSM spend cap')
            [CompletionResult]::new('--within-budget', '--within-budget', [CompletionResultType]::ParameterName, 'Fit the plan to the budget: CSM spend never over csm_spend_cap, CS cost per fiscal year never over cs_budget_per_year when given; CSM hires start when the money affords them, and what that gives up is reported per segment (rule budget-fit)')
            [CompletionResult]::new('--compare-stances', '--compare-stances', [CompletionResultType]::ParameterName, 'Plan lean, balanced and ahead and print them side by side instead of one plan')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no notes or warnings on stderr (errors, and why a gate failed, still print)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no notes or warnings on stderr (errors, and why a gate failed, still print)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'csplan;check' {
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no notes or warnings on stderr (errors, and why a gate failed, still print)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no notes or warnings on stderr (errors, and why a gate failed, still print)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'csplan;explain' {
            [CompletionResult]::new('--sources', '--sources', [CompletionResultType]::ParameterName, 'List the source articles the rules cite (SPEC §8): id, title, file, what each gives')
            [CompletionResult]::new('--keys', '--keys', [CompletionResultType]::ParameterName, 'List every key a base file may hold, with its default and allowed range')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no notes or warnings on stderr (errors, and why a gate failed, still print)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no notes or warnings on stderr (errors, and why a gate failed, still print)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'csplan;health' {
            [CompletionResult]::new('--base', '--base', [CompletionResultType]::ParameterName, 'A base TOML whose [health] table, start month and currency to use')
            [CompletionResult]::new('--as-of', '--as-of', [CompletionResultType]::ParameterName, 'The date renewal windows and account ages count from (default: [health] as_of, else the first day of [company] start)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format [default: the one the -o file''s extension names (.json, .csv, .xlsx), else table]')
            [CompletionResult]::new('--top', '--top', [CompletionResultType]::ParameterName, 'At-risk accounts listed per segment, 0..=1000 (overrides [health] top_at_risk)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write to FILE instead of stdout (atomically: a temp file, then rename)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write to FILE instead of stdout (atomically: a temp file, then rename)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no notes or warnings on stderr (errors, and why a gate failed, still print)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no notes or warnings on stderr (errors, and why a gate failed, still print)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'csplan;diff' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format [default: the one the -o file''s extension names, else table]')
            [CompletionResult]::new('--period', '--period', [CompletionResultType]::ParameterName, 'Compare month by month (default, unless a side is in longer periods), quarter by quarter or fiscal year by fiscal year')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write to FILE instead of stdout (atomically: a temp file, then rename)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write to FILE instead of stdout (atomically: a temp file, then rename)')
            [CompletionResult]::new('--fail-if-increase', '--fail-if-increase', [CompletionResultType]::ParameterName, 'Exit 1 when total CS cost over the compared periods rises by more than PCT percent (e.g. 5 for 5%; 0 fails on any increase)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no notes or warnings on stderr (errors, and why a gate failed, still print)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no notes or warnings on stderr (errors, and why a gate failed, still print)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'csplan;review' {
            [CompletionResult]::new('--base', '--base', [CompletionResultType]::ParameterName, 'With a saved JSON plan: the base it was made from, to re-forecast from')
            [CompletionResult]::new('--period', '--period', [CompletionResultType]::ParameterName, 'Compare month by month, quarter by quarter, or by fiscal year')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format; when absent, the one the -o file''s extension names, else table. The workbook''s Variance sheet computes each variance (actual − plan), its percent and its mark as live formulas; Hires, Re-forecast and Re-forecast hires sheets follow')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write to FILE instead of stdout (atomically: a temp file, then rename)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write to FILE instead of stdout (atomically: a temp file, then rename)')
            [CompletionResult]::new('--as-of', '--as-of', [CompletionResultType]::ParameterName, 'The month of the review (a plan month, 2027-06): a row after it is refused as in the future')
            [CompletionResult]::new('--fail-if-over-budget', '--fail-if-over-budget', [CompletionResultType]::ParameterName, 'Exit 1 when actual CS spend to date exceeds the plan''s over the same months by more than PCT percent (e.g. 5 for 5%; 0 fails on any overspend)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no notes or warnings on stderr (errors, and why a gate failed, still print)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no notes or warnings on stderr (errors, and why a gate failed, still print)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'csplan;schema' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write to FILE instead of stdout (atomically)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write to FILE instead of stdout (atomically)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no notes or warnings on stderr (errors, and why a gate failed, still print)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no notes or warnings on stderr (errors, and why a gate failed, still print)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'csplan;init' {
            [CompletionResult]::new('--stage', '--stage', [CompletionResultType]::ParameterName, 'The kind of company the starter base describes')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write to FILE instead of stdout; refuses to replace an existing file without --force')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write to FILE instead of stdout; refuses to replace an existing file without --force')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace FILE if it exists')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no notes or warnings on stderr (errors, and why a gate failed, still print)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no notes or warnings on stderr (errors, and why a gate failed, still print)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'csplan;completions' {
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no notes or warnings on stderr (errors, and why a gate failed, still print)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no notes or warnings on stderr (errors, and why a gate failed, still print)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'csplan;man' {
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'Write every page into DIR instead: csplan.1 and csplan-COMMAND.1 for each command, so the pages they refer to are installed with them')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no notes or warnings on stderr (errors, and why a gate failed, still print)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no notes or warnings on stderr (errors, and why a gate failed, still print)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'csplan;help' {
            [CompletionResult]::new('plan', 'plan', [CompletionResultType]::ParameterValue, 'Plan and print the month-by-month hiring timeline')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Validate a base file (every check, the planner''s limits too); print a one-line summary')
            [CompletionResult]::new('explain', 'explain', [CompletionResultType]::ParameterValue, 'List the rule book: id, source seed, default figures, what each rule does')
            [CompletionResult]::new('health', 'health', [CompletionResultType]::ParameterValue, 'Score accounts from a CSV: green / yellow / red per segment, ARR at risk, playbooks')
            [CompletionResult]::new('diff', 'diff', [CompletionResultType]::ParameterValue, 'Compare two plans (each a base TOML or a saved JSON plan), period by period')
            [CompletionResult]::new('review', 'review', [CompletionResultType]::ParameterValue, 'The budget review: actuals against the approved plan, and a re-forecast of the rest')
            [CompletionResult]::new('schema', 'schema', [CompletionResultType]::ParameterValue, 'Print the JSON Schema of the input or of an output')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Print a commented starter base for a company at a stage')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print shell completions')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page (roff), of csplan or of one command')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'csplan;help;plan' {
            break
        }
        'csplan;help;check' {
            break
        }
        'csplan;help;explain' {
            break
        }
        'csplan;help;health' {
            break
        }
        'csplan;help;diff' {
            break
        }
        'csplan;help;review' {
            break
        }
        'csplan;help;schema' {
            break
        }
        'csplan;help;init' {
            break
        }
        'csplan;help;completions' {
            break
        }
        'csplan;help;man' {
            break
        }
        'csplan;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
