# Score one run of an exercise's tests: TAP in, one line per test of the
# manifest out ("ID TARGET SCORE MAX CLASS STATUS", tab-separated, STATUS
# pass, fail or manual), and for each test the text the student reads, in
# OUT/tests/TARGET.ID.txt: why it failed, the test's own diagnostics, the
# grader's notes, the hint.
#
#   awk -f tools/grade-score.awk -v manifest=FILE -v target=T -v out=OUT
#       [-v missing=WHY] [-v notes=FILE] [-v didnotrun=WHY] [fatal=1] TAP...
#
# The manifest FILE holds what tools/manifest.awk prints.  A test point belongs
# to the test whose id begins its description ("walk: the VMAs ...").
# A test passes when it has at least one point and every one is "ok".
# A "not ok" whose description names no test is a failure of the whole
# run: in a TAP file after fatal=1 (the VM: an oops, a hang, a crash) it
# fails every test of that file, whatever they printed; elsewhere it only
# explains the tests that printed nothing, as does didnotrun.  missing
# (a file the student did not hand in) fails every test, manual ones too.
# notes: lines of the grader's own findings (a sanitizer report, a signal,
# the words of an answer) added to each test that did not pass.
function add(t, line) {
	if (nlines[t] < 15)
		text[t] = text[t] "\n" line
	else if (nlines[t] == 15)
		text[t] = text[t] "\n..."
	nlines[t]++
}

BEGIN {
	while ((getline line < manifest) > 0)
		if (split(line, f, "\t") == 5 && f[1] == "test") {
			id[++n] = f[2]
			points[f[2]] = f[3]
			class[f[2]] = f[4]
			hint[f[2]] = f[5]
		}
}

/^(not )?ok([ \t]|$)/ {
	desc = $0
	sub(/^(not )?ok[ \t]*[0-9]*[ \t]*(-[ \t]*)?/, "", desc)
	# The VM runner puts "TARGET UNIT/SUITE (MEM): " before each.
	if (fatal)
		sub(/^[^:]*: /, "", desc)
	t = desc
	sub(/:.*/, "", t)
	bad = $0 ~ /^not ok/
	if (t in points) {
		seen[t] = 1
		infatal[t] = fatal
		if (bad && !failed[t]) {
			failed[t] = 1
			first[t] = desc
		}
		cur = bad ? t : ""
	} else if (bad) {
		cur = " run"
		if (fatal)
			nfatal++
		add(cur, desc)
	} else {
		cur = ""
	}
	next
}

/^#/ && cur != "" { add(cur, $0) }

END {
	while ((getline line < notes) > 0)
		extra = extra "\n" line
	for (i = 1; i <= n; i++) {
		t = id[i]
		status = "fail"
		if (missing != "")
			why = missing
		else if (class[t] == "manual") {
			status = "manual"
			why = "needs a human: graded by hand, " points[t] " points"
		} else if (nfatal && (infatal[t] || !seen[t]))
			why = "the run failed:" text[" run"]
		else if (seen[t] && !failed[t]) {
			status = "pass"
			why = "passed"
		} else if (seen[t])
			why = first[t] text[t]
		else
			why = "did not run" (didnotrun != "" ? ": " didnotrun : "") text[" run"]
		if (status != "pass")
			why = why extra
		if (status == "fail" && missing == "")
			why = why "\nHint: " hint[t]
		file = out "/tests/" target "." t ".txt"
		print why >file
		close(file)
		printf "%s\t%s\t%d\t%d\t%s\t%s\n", t, target,
			status == "pass" ? points[t] : 0, points[t], class[t], status
	}
}
