#!/usr/bin/env bash
# Tools/compare/compare.sh JOURNAL [RUNS]
#
# The same postings in ledger-cli, hledger and Beancount against `claims balances`, in one run:
# exports JOURNAL's money events with `claims export --format hledger|beancount`, times
#   ledger -f P.journal balance          hledger -f P.journal balance
#   bean-check P.beancount               bean-report P.beancount balances
#   claims balances JOURNAL              cold (JOURNAL.checkpoint removed before each run)
#   claims balances JOURNAL              from the checkpoint (`claims rebuild` saves one first)
# best of RUNS (default 3) each, wall clock, and peak resident memory (/usr/bin/time -f %M),
# and prints seconds and each tool's ratio to claims. Then checks that every tool's balance of
# every fund (appropriated, committed, paid, recovered, available) equals claims balances'.
#
# The external tools read only the money postings (a few per cent of the events); claims
# balances reads the whole journal, or the checkpoint and the lines after it. JOURNAL.checkpoint
# is a cache: this script deletes and rewrites it. CLAIMS names the binary (default
# .build/release/claims of this package: build it with swift build -c release -Xswiftc -static-executable).
set -euo pipefail

here="$(cd "$(dirname "$0")/../.." && pwd)"
journal="${1:?usage: Tools/compare/compare.sh JOURNAL [RUNS]}"
runs="${2:-3}"
claims="${CLAIMS:-$here/.build/release/claims}"
[[ -x "$claims" ]] || { echo "compare: $claims not found: swift build -c release -Xswiftc -static-executable" >&2; exit 2; }
for tool in ledger hledger bean-check bean-report bean-query; do
  package="$tool"
  [[ $tool == bean-* ]] && package=beancount
  command -v "$tool" >/dev/null || { echo "compare: $tool not found: install the Debian package $package" >&2; exit 2; }
done
[[ -x /usr/bin/time ]] || { echo "compare: /usr/bin/time not found: install the Debian package time" >&2; exit 2; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
rows=()

# measure NAME BEFORE COMMAND…: best of $runs, then once more under /usr/bin/time for the peak
# memory (timed without it: its own start would be a millisecond of every run, a fifth of
# claims balances' time from a checkpoint); BEFORE (a shell command, or :) runs untimed before
# each run. The fastest run's output stays in $work/NAME.out.
measure() {
  local name="$1" before="$2"
  shift 2
  local best="" peak="" i start end seconds
  for ((i = 0; i < runs; i++)); do
    eval "$before"
    start=$EPOCHREALTIME
    if ! "$@" >"$work/$name.try" 2>"$work/$name.err"; then
      echo "compare: $name failed:" >&2
      cat "$work/$name.err" >&2
      exit 1
    fi
    end=$EPOCHREALTIME
    seconds=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.4f", b - a }')
    if [[ -z $best ]] || awk -v a="$seconds" -v b="$best" 'BEGIN { exit !(a < b) }'; then
      best=$seconds
      mv "$work/$name.try" "$work/$name.out"
    fi
  done
  eval "$before"
  /usr/bin/time -f %M -o "$work/$name.rss" "$@" >/dev/null 2>&1
  peak=$(($(tail -1 "$work/$name.rss") / 1024))
  rows+=("$name|$best|$peak")
  printf '  %-34s %9s s %7s MB\n' "$name" "$best" "$peak" >&2
}

echo "exporting and timing (best of $runs) …" >&2
measure "claims export --format hledger" : "$claims" export "$journal" --format hledger
cp "$work/claims export --format hledger.out" "$work/postings.journal"
measure "claims export --format beancount" : "$claims" export "$journal" --format beancount
cp "$work/claims export --format beancount.out" "$work/postings.beancount"
transactions=$(grep -c '^[0-9]' "$work/postings.journal")
lines=$(wc -l <"$journal")

measure "ledger balance" : ledger -f "$work/postings.journal" balance
measure "hledger balance" : hledger -f "$work/postings.journal" balance
measure "bean-check" : bean-check "$work/postings.beancount"
measure "bean-report balances" : bean-report "$work/postings.beancount" balances
measure "claims balances, cold" "rm -f '$journal.checkpoint'" "$claims" balances "$journal"
"$claims" rebuild "$journal" >/dev/null
measure "claims balances, checkpoint" : "$claims" balances "$journal"

cold=$(printf '%s\n' "${rows[@]}" | awk -F'|' '$1 == "claims balances, cold" { print $2 }')
warm=$(printf '%s\n' "${rows[@]}" | awk -F'|' '$1 == "claims balances, checkpoint" { print $2 }')
echo
echo "journal: $journal ($lines lines; $transactions money transactions in the export)"
echo
echo "ratios: the program's seconds ÷ claims balances' seconds (above 1: claims balances is faster)"
echo
echo "| program | seconds | peak MB | ÷ claims balances (checkpoint) | ÷ claims balances (cold) |"
echo "|---|---:|---:|---:|---:|"
for row in "${rows[@]}"; do
  IFS='|' read -r name seconds peak <<<"$row"
  awk -v n="$name" -v s="$seconds" -v p="$peak" -v w="$warm" -v c="$cold" \
    'BEGIN { printf "| %s | %.4f | %d | %.2f× | %.2f× |\n", n, s, p, s / w, s / c }'
done


# The figures of every fund, as `FUND KIND AMOUNT` lines with claims balances' signs:
# appropriated = −equity:appropriations:F, recovered = −expenses:subsidies:F:recovered.
figures() { # reads ACCOUNT AMOUNT lines (hledger account names)
  awk 'function neg(a) { return a ~ /^-/ ? substr(a, 2) : "-" a }
       { n = split($1, p, ":")
         if (p[1] == "assets" && p[2] == "funds" && n == 4) print p[3], p[4], $2
         else if (p[1] == "expenses" && n == 4 && p[4] == "paid") print p[3], "paid", $2
         else if (p[1] == "expenses" && n == 4 && p[4] == "recovered") print p[3], "recovered", neg($2)
         else if (p[1] == "equity" && n == 3) print p[3], "appropriated", neg($2) }'
}
# Beancount names (Assets:Funds:EmploymentSubsidy:Available) as hledger's.
kebab() {
  awk '{ out = ""; s = $1
         for (i = 1; i <= length(s); i++) { c = substr(s, i, 1)
           if (c ~ /[A-Z]/) { if (i > 1 && substr(s, i - 1, 1) != ":") out = out "-"; out = out tolower(c) }
           else out = out c }
         print out, $2 }'
}
# Exit 1 and name the differences unless FILE's figures are claims balances'; a figure a tool
# does not print (an account with no postings) counts as 0.
same_as_claims() {
  awk 'function canon(a) { sub(/^ +/, "", a); sub(/ *CNY$/, "", a)
                           if (a !~ /\./) a = a ".00"; else if (a ~ /\.[0-9]$/) a = a "0"
                           return a == "-0.00" ? "0.00" : a }
       FNR == NR { ref[$1 " " $2] = canon($3); next }
       { got[$1 " " $2] = canon($3) }
       END { bad = 0
             for (k in ref) { g = (k in got) ? got[k] : "0.00"
               if (g != ref[k]) { print "    " k ": claims " ref[k] ", here " g; bad = 1 } }
             for (k in got) if (!(k in ref)) { print "    " k ": not in claims balances"; bad = 1 }
             exit bad }' "$work/claims.figures" "$1"
}

"$claims" balances "$journal" --format csv |
  awk -F, 'NR > 1 { print $1, "appropriated", $3; print $1, "committed", $4; print $1, "paid", $5
                    print $1, "recovered", $6; print $1, "available", $7 }' >"$work/claims.figures"
{
  hledger -f "$work/postings.journal" balance --flat -N -E -O csv --depth 4 '^(assets|expenses)'
  hledger -f "$work/postings.journal" balance --flat -N -E -O csv --depth 3 '^equity'
} | tr -d '"' | sed 's/ CNY$//' | awk -F, '{ print $1, $2 }' | figures >"$work/hledger.figures"
{
  ledger -f "$work/postings.journal" balance --empty --depth 4 --format '%(account)|%(display_total)\n' '^assets' '^expenses'
  ledger -f "$work/postings.journal" balance --empty --depth 3 --format '%(account)|%(display_total)\n' '^equity'
} | sed 's/ CNY$//' | awk -F'|' '$1 != "" { print $1, $2 }' | figures >"$work/ledger.figures"
{
  bean-query -f csv "$work/postings.beancount" \
    "SELECT root(account, 4) AS fund, sum(number) AS total WHERE account ~ '^(Assets|Expenses):' GROUP BY fund"
  bean-query -f csv "$work/postings.beancount" \
    "SELECT root(account, 3) AS fund, sum(number) AS total WHERE account ~ '^Equity:' GROUP BY fund"
} | tr -d '\r' | awk -F, '$1 !~ /^fund/ { gsub(/ /, "", $1); gsub(/ /, "", $2); print $1, $2 }' | kebab |
  figures >"$work/beancount.figures"

echo
echo "same figures as claims balances ($(wc -l <"$work/claims.figures") figures: 5 per fund):"
status=0
for tool in hledger ledger beancount; do
  if out=$(same_as_claims "$work/$tool.figures"); then
    echo "  $tool: equal ($(wc -l <"$work/$tool.figures") figures printed)"
  else
    echo "  $tool: DIFFERENT"
    echo "$out"
    status=1
  fi
done
echo "  (bean-check also checks the export's balance directives, and hledger and ledger its closing"
echo "   balance assertions, account by account and region by region; bean-report's table is timed only)"
exit $status
