#!/bin/sh
# Every C file of the user-space code, the book's xdvsplice.c included,
# follows .clang-format: one TAP point per file, with the diff
# clang-format would make when it does not.
files=$(find book sim exercises solutions modules/*/test vm/selftest/test -name '*.[ch]' \
	! -path '*/fixtures/*' ! -path 'book/test/*' 2>/dev/null | sort)
echo "1..$(echo "$files" | grep -c .)"
n=0
for f in $files; do
	n=$((n + 1))
	if out=$(clang-format --style=file "$f" | diff -u "$f" -); then
		echo "ok $n - $f"
	else
		echo "not ok $n - $f: run clang-format -i $f"
		echo "$out" | head -n 20 | sed 's/^/#   /'
	fi
done
