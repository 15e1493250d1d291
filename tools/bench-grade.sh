#!/bin/sh
# Wall time of the grader: one submission of a kernel exercise (built and
# booted on each of its kernels), and a batch of 20 fixture submissions
# (tools/fixture-submissions.sh, taken in turn) on 2 jobs.
set -eu
dir=build/bench/grade
rm -rf "$dir"
mkdir -p "$dir/one/student"
tools/fixture-submissions.sh "$dir/fixtures"

# time_batch LABEL NOTE SUBMISSIONS: one `make grade-batch` of them, timed.
time_batch() {
	s=$(date +%s.%N)
	make --no-print-directory -j2 grade-batch SUBMISSIONS="$3" \
		GRADES="$3.grades" >"$3.log" 2>&1 ||
		{ echo "grade: the batch failed, see $3.log" >&2; exit 1; }
	e=$(date +%s.%N)
	awk -v s="$s" -v e="$e" -v l="$1" -v n="$2" \
		'BEGIN { printf "grade: %s %.1f s (%s)\n", l, e - s, n }'
}

m=$(grep -l '^kind: *module' exercises/[0-9][0-9]-*/[0-9][0-9].[0-9]*-*/manifest | head -n 1)
ex=$(awk -f tools/manifest.awk "$m" | awk -F '\t' '$1 == "id" { print $2 }')
for f in $(awk -f tools/manifest.awk "$m" | awk -F '\t' '$1 == "files" { print $2 }'); do
	cp "$dir/fixtures/reference/$f" "$dir/one/student/"
done
time_batch "one submission of $ex, on each of its kernels:" "goal <= 15 s" "$dir/one"

mkdir -p "$dir/batch"
i=0
while [ $i -lt 20 ]; do
	for d in "$dir"/fixtures/*/; do
		[ $i -lt 20 ] || break
		i=$((i + 1))
		cp -R "$d" "$dir/batch/$(basename "$d")-$i"
	done
done
time_batch "20 fixture submissions on 2 jobs:" \
	"hostile ones included, each stopped by the first limit it meets" "$dir/batch"
