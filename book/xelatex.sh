#!/bin/sh
# Typeset DIR/NAME.tex into DIR/NAME.pdf with as few xelatex runs as it
# takes: one when the table of contents and the cross-reference labels come
# out as the previous build left them, a second (rarely a third) when they
# moved.  Output goes to NAME.log; on error its last lines are shown.
#
#   xelatex.sh DIR/NAME.tex
set -u
dir=$(dirname "$1") name=$(basename "$1" .tex)
cd "$dir" || exit 1
for run in 1 2 3; do
	cat "$name.toc" "$name.aux" >"$name.before" 2>/dev/null
	if ! xelatex -interaction=batchmode -halt-on-error "$name.tex" >/dev/null 2>&1; then
		echo "xelatex.sh: $1 failed (run $run), see $dir/$name.log:" >&2
		grep -A 8 '^!' "$name.log" >&2 || tail -n 20 "$name.log" >&2
		exit 1
	fi
	cat "$name.toc" "$name.aux" 2>/dev/null | cmp -s - "$name.before" && break
done
rm -f "$name.before"
