#!/bin/sh
# Run a command that prints TAP, keep its TAP in OUT, and turn every way it
# can go wrong without saying "not ok" (death, time-out, missing or broken
# plan) into a "not ok" line of its own.  Always exits 0: the verdict is in
# OUT, for tools/tap-summary.sh.
#
#   tap-run.sh NAME SECONDS OUT command [args...]
set -u
name=$1 secs=$2 out=$3
shift 3
mkdir -p "$(dirname "$out")"
start=$(date +%s.%N)
timeout -k 5 "$secs" "$@" >"$out.raw" 2>"$out.err" </dev/null
rc=$?
# The wall time, as a TAP comment: where make check spends its minutes.
took=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')
awk -v name="$name" -v rc="$rc" -v secs="$secs" -v errf="$out.err" -v took="$took" '
	/^1\.\.[0-9]+/ { plan = substr($1, 4) + 0; seen_plan = 1 }
	/^(not )?ok([ \t]|$)/ { ran++ }
	{ print }
	END {
		if (rc == 124 || rc == 137)
			printf "not ok - %s: timed out after %s s\n", name, secs
		else if (rc != 0) {
			why = ""
			while ((getline l < errf) > 0) why = l
			printf "not ok - %s: exit status %d%s\n", name, rc, why == "" ? "" : " (" why ")"
		} else if (!seen_plan)
			printf "not ok - %s: no TAP plan\n", name
		else if (plan != ran)
			printf "not ok - %s: planned %d tests, ran %d\n", name, plan, ran
		printf "# %s: %s s\n", name, took
	}' "$out.raw" >"$out"
exit 0
