#!/bin/sh
# Count the test points of the given TAP files, list each failure with the
# file it came from, and end with the one line "N passed, N failed".
# A file that was never produced counts as one failure.  Exits non-zero when
# anything failed.
missing=0 found=
for f in "$@"; do
	if [ -f "$f" ]; then
		found="$found $f"
	else
		echo "FAIL $f: not produced"
		missing=$((missing + 1))
	fi
done
# shellcheck disable=SC2086 # $found is a list of paths without blanks
awk -v missing="$missing" '
	/^ok([ \t]|$)/ { pass++ }
	/^not ok([ \t]|$)/ { fail++; printf "FAIL %s: %s\n", FILENAME, $0 }
	END {
		fail += missing
		printf "%d passed, %d failed\n", pass, fail
		exit fail > 0
	}' $found /dev/null
