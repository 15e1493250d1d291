# Read exercise manifests (exercises/NN-slug/NN.K-name/manifest; the format
# is in exercises/README.md), refuse a malformed one with a one-line error
# "FILE:LINE: what is wrong", and print them for the grader's scripts:
#   awk -f tools/manifest.awk MANIFEST          one manifest, as lines
#       key<TAB>value                 (id, dir, title, kind, files, ...)
#       test<TAB>id<TAB>points<TAB>class<TAB>hint
#   awk -v mk=1 -f tools/manifest.awk MANIFEST...   make variables for all
#       EX_IDS, and EX_<id>_DIR, _KIND, _FILES, _BUILD for each; two
#       exercises may not name the same file, since a submission folder
#       holds the files of every exercise side by side.
function fail(msg) {
	bad(FILENAME ":" FNR ": " msg)
}

# For what is wrong with the manifest as a whole, once it has been read.
function bad(msg) {
	print msg >"/dev/stderr"
	failed = 1
	exit 1
}

function finish(   f, n, i, names, t) {
	if (file == "")
		return
	if (!("title" in val)) bad(file ": no title: line")
	if (!("kind" in val)) bad(file ": no kind: line")
	if (!("files" in val)) bad(file ": no files: line: which files does the student hand in?")
	if (ntests == 0) bad(file ": no test: line")
	k = val["kind"]
	if (k == "module" && !("targets" in val)) bad(file ": kind module needs targets: (amd64, i386 or both)")
	if (k != "open" && !("script" in val)) bad(file ": kind " k " needs script: (the test in test/)")
	if (k == "sim" && !("build" in val)) bad(file ": kind sim needs build: (the sim/NN-slug/NAME.c to build with the student's files)")
	if (k == "open")
		for (i = 1; i <= ntests; i++) {
			split(tests[i], t, "\t")
			if (t[3] != "manual") bad(file ": kind open has only manual tests: " t[1] " is " t[3])
		}
	if (!mk) {
		print "id\t" id
		print "dir\t" dir
		for (f in val)
			print f "\t" val[f]
		for (i = 1; i <= ntests; i++)
			print "test\t" tests[i]
		return
	}
	ids = ids " " id
	printf "EX_%s_DIR := %s\nEX_%s_KIND := %s\n", id, dir, id, k
	printf "EX_%s_FILES := %s\nEX_%s_BUILD := %s\n", id, val["files"], id, val["build"]
	n = split(val["files"], names, " ")
	for (i = 1; i <= n; i++) {
		if (names[i] in owner)
			bad(file ": " names[i] " is named by " owner[names[i]] " too: a submission folder holds the files of every exercise, so names must differ")
		owner[names[i]] = id
	}
}

FNR == 1 {
	finish()
	file = FILENAME
	delete val
	delete seen
	ntests = 0
	dir = FILENAME
	sub(/\/manifest$/, "", dir)
	id = dir
	sub(/.*\//, "", id)
	if (id !~ /^[0-9][0-9]\.[0-9]+-[a-z0-9-]+$/)
		fail("the folder must be named NN.K-name (like 01.3-vmas)")
	sub(/-.*/, "", id)
}

/^[ \t]*(#|$)/ { next }

{
	key = $1
	if (key !~ /:$/) fail("expected KEY: VALUE, not: " $0)
	key = substr(key, 1, length(key) - 1)
	v = $0
	sub(/^[^:]*:[ \t]*/, "", v)
	sub(/[ \t]+$/, "", v)
}

key == "test" {
	if (NF < 5) fail("test: needs an id, points, a class and a hint")
	if ($2 !~ /^[A-Za-z0-9_-]+$/) fail("test id " $2 ": letters, digits, _ and - only")
	if ($2 in seen) fail("test id " $2 " twice")
	if ($3 !~ /^[0-9]+$/ || $3 == 0) fail("test " $2 ": points must be a whole number above 0, not " $3)
	if ($4 != "core" && $4 != "extra" && $4 != "manual") fail("test " $2 ": class is core, extra or manual, not " $4)
	seen[$2] = 1
	hint = v
	sub(/^[^ \t]+[ \t]+[^ \t]+[ \t]+[^ \t]+[ \t]+/, "", hint)
	tests[++ntests] = $2 "\t" $3 "\t" $4 "\t" hint
	next
}

key == "kind" && v !~ /^(sim|module|numeric|open)$/ { fail("kind is sim, module, numeric or open, not " v) }
key == "targets" {
	n = split(v, tg, " ")
	for (i = 1; i <= n; i++)
		if (tg[i] != "amd64" && tg[i] != "i386") fail("targets are amd64 and i386, not " tg[i])
}
key == "files" && v !~ /^[A-Za-z0-9._-]+( [A-Za-z0-9._-]+)*$/ { fail("files: plain file names, separated by blanks") }
key == "timeout" && v !~ /^[0-9]+$/ { fail("timeout: whole seconds") }
key !~ /^(title|kind|files|targets|script|build|timeout)$/ { fail("unknown key " key) }
key in val { fail(key " twice") }
{ val[key] = v }

END {
	if (failed)
		exit 1
	finish()
	if (mk)
		print "EX_IDS :=" ids
}
