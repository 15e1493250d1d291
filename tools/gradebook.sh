#!/bin/sh
# The gradebook: one row per student, one column per exercise, and the
# total, from each student's scores.tsv (tools/grade-report.sh).  The header
# gives each column's maximum; points graded by hand count 0 here, and
# their maximum is shown apart ("01.4 (/0+6 by hand)").
#
#   gradebook.sh OUT.csv EX-ID... -- STUDENT...
set -eu
out=$1
shift
exs=
while [ "$1" != -- ]; do
	exs="$exs $1"
	shift
done
shift
dir=$(dirname "$out")
for s; do
	if [ -f "$dir/$s/scores.tsv" ]; then
		sed "s/^/$s	/" "$dir/$s/scores.tsv"
	else
		echo "$s	-	0	0	0"
	fi
done | awk -F '\t' -v exs="$exs" '
	BEGIN { n = split(exs, ex, " ") }
	{
		if (!($1 in seen)) { seen[$1] = 1; order[++ns] = $1 }
		got[$1, $2] = $3; max[$2] = $4; hand[$2] = $5
	}
	END {
		line = "student"
		for (i = 1; i <= n; i++) {
			e = ex[i]
			line = line "," e " (/" max[e] + 0 (hand[e] ? "+" hand[e] " by hand" : "") ")"
			all += max[e]; allhand += hand[e]
		}
		print line ",total (/" all (allhand ? "+" allhand " by hand" : "") ")"
		for (j = 1; j <= ns; j++) {
			s = order[j]; line = s; sum = 0
			for (i = 1; i <= n; i++) {
				line = line "," got[s, ex[i]] + 0
				sum += got[s, ex[i]]
			}
			print line "," sum
		}
	}' >"$out.tmp"
mv "$out.tmp" "$out"
