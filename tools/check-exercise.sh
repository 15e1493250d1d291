#!/bin/sh
# make check-exercise: grade the student's own copy of one exercise (the
# files in its folder), as `make grade` would, and print the report.
#
#   check-exercise.sh EX STUDENT OUT-DIR ID=DIR...
# where each ID=DIR names an exercise and its folder.
set -eu
ex=$1 student=$2 out=$3
shift 3
dir=
for pair; do
	[ "${pair%%=*}" = "$ex" ] && dir=${pair#*=}
done
if [ -z "$dir" ]; then
	echo "check-exercise: give EX=, one of:$(for p; do printf ' %s' "${p%%=*}"; done)" >&2
	exit 2
fi
kind=$(awk -f tools/manifest.awk "$dir/manifest" | awk -F '\t' '$1 == "kind" { print $2 }')
case $kind:$student in
numeric:)
	echo "check-exercise: $ex is a numeric problem: give STUDENT=<your id>, the id of make problems" >&2
	exit 2
	;;
esac
echo "  GRADE   $dir"
mkdir -p "$out"
tools/grade.sh "$dir" "$dir" "$out/$ex" "${student:-you}" 2>"$out/$ex.err" || true
tools/grade-report.sh "$out" "${student:-you}" "$ex"
sed 1,2d "$out/report.txt"
[ "$kind" = sim ] && echo "Your build of the programs is in $out/$ex/sim/."
exit 0
