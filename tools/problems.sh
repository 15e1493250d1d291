#!/bin/sh
# A student's personal problem set: for each numeric exercise, the problem
# its test script makes up from a seed that the student's id and the
# exercise's id determine (cksum of "ID NN.K": two ids differ, one id
# never changes), and where to write the answers.  With ANSWERS non-empty,
# the answers instead, as the file the student should hand in.
#
#   problems.sh STUDENT ANSWERS EXERCISE-DIR...
set -eu
student=$1 answers=$2
shift 2
case $student in
"")
	echo "problems: give STUDENT=<your id>" >&2
	exit 2
	;;
*[!A-Za-z0-9._-]* | [!A-Za-z0-9]*)
	echo "problems: STUDENT=$student: an id has only letters, digits, '.', '_' and '-'" >&2
	exit 2
	;;
esac
for ex; do
	manifest=$(awk -f tools/manifest.awk "$ex/manifest")
	get() {
		printf '%s\n' "$manifest" | awk -F '\t' -v k="$1" '$1 == k { print $2 }'
	}
	id=$(get id) chapter=${ex%/*}
	seed=$(printf '%s %s' "$student" "$id" | cksum | cut -d' ' -f1)
	if [ -n "$answers" ]; then
		echo "==> $ex/$(get files) of $student"
		SIM=build/sim/${chapter##*/} SEED=$seed sh "$ex/test/$(get script)" answer
		continue
	fi
	cat <<TEXT
==== Exercise $id: $(get title) (for $student)

TEXT
	SIM=build/sim/${chapter##*/} SEED=$seed sh "$ex/test/$(get script)" problem
	cat <<TEXT

Write your answers in $ex/$(get files)
(that is the file to hand in) and check them with:
    make check-exercise EX=$id STUDENT=$student

TEXT
done
