#!/bin/sh
# TAP: the literate include filter shows exactly what it should, and stops
# the build, naming the culprit, when it cannot.  Run from the top of the tree.
set -u
fixtures=book/test/include
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0

ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); echo "not ok $n - $1"; }

echo 1..8

if pandoc -f markdown -t native -o /dev/null --lua-filter book/filters/include.lua \
	--lua-filter $fixtures/dump.lua $fixtures/good.md >"$tmp/got" 2>"$tmp/err" &&
	cmp -s "$tmp/got" $fixtures/expected.txt; then
	ok "regions, line ranges, run= and status= show what expected.txt says"
else
	not_ok "regions, line ranges, run= and status= show what expected.txt says"
	diff -u $fixtures/expected.txt "$tmp/got" | sed 's/^/# /'
	sed 's/^/# /' "$tmp/err"
fi

# The depfile names the included files and the program that was run.
pandoc -f markdown -t native -o /dev/null --lua-filter book/filters/include.lua \
	-M depfile="$tmp/good.d" -M deptarget=page.json $fixtures/good.md
if grep -q "^page.json: $fixtures/listing.c $fixtures/script.sh\$" "$tmp/good.d" &&
	grep -q "^$fixtures/listing.c:\$" "$tmp/good.d"; then
	ok "depfile lists the listing and the program"
else
	not_ok "depfile lists the listing and the program"
	sed 's/^/# /' "$tmp/good.d"
fi

# A page that must fail, and the one-line message it must fail with.
fails() {
	page=$1 filter=$2 want=$3
	shift 3
	if pandoc -f markdown -t native -o /dev/null --lua-filter "book/filters/$filter" "$@" \
		"$fixtures/$page.md" 2>"$tmp/err"; then
		not_ok "$page: the build should fail"
	elif grep -qxF "$want" "$tmp/err"; then
		ok "$page: fails with: $want"
	else
		not_ok "$page: fails with: $want"
		sed 's/^/# got: /' "$tmp/err"
	fi
}

fails missing-file include.lua \
	"include.lua: $fixtures/nothing.c: cannot read ($fixtures/nothing.c: No such file or directory)"
fails missing-region include.lua "include.lua: $fixtures/listing.c: no @region farewell"
fails unterminated include.lua "include.lua: $fixtures/listing.c: region \"open\" has no @end open"
fails bad-lines include.lua \
	"include.lua: $fixtures/listing.c: bad line range \"20-99\" (the file has 29 lines)"
fails bad-status include.lua \
	"include.lua: run \"$fixtures/script.sh x 2\": exit status 2, expected 0"
: >"$tmp/labels.tsv"
fails unresolved xref.lua "xref.lua: unresolved.md: unresolved reference @fig:nowhere" \
	-M labels="$tmp/labels.tsv" -M page=unresolved.md
