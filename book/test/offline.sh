#!/bin/sh
# TAP: the HTML site needs nothing but its own files.  No page or style
# sheet loads anything over the network, and every file a page refers to
# is there.
#
#   offline.sh HTMLDIR
set -u
dir=$1
echo 1..3

# The start tags of every page, one per line (pandoc wraps long tags).
tags() {
	for page in "$dir"/*.html; do
		tr '\n' ' ' <"$page" | grep -o '<[a-z][^>]*>' | sed "s|^|$(basename "$page") |"
	done
}

remote=$(tags | grep -E '^[^ ]+ <(script|link|img|source|iframe|video|audio|embed|object)[ ]' |
	grep -E '(src|href|data)="(https?:)?//')
if [ -z "$remote" ]; then
	echo "ok 1 - no page loads a script, style sheet or image from the network"
else
	echo "not ok 1 - no page loads a script, style sheet or image from the network"
	echo "$remote" | sed 's/^/# /'
fi

remote=$(grep -HnE '(url\(|@import)[^)]*(https?:)?//' "$dir"/assets/*.css)
if [ -z "$remote" ]; then
	echo "ok 2 - no style sheet loads anything from the network"
else
	echo "not ok 2 - no style sheet loads anything from the network"
	echo "$remote" | sed 's/^/# /'
fi

# Every local src= and href= (less its #fragment) names a file of the site.
missing=$(tags | sed -n 's/^\([^ ]*\) .* \(src\|href\)="\([^"#:]*\)[#"].*/\1 \3/p' |
	while read -r page target; do
		[ -z "$target" ] || [ -e "$dir/$target" ] || echo "$page: $target"
	done)
if [ -z "$missing" ]; then
	echo "ok 3 - every file a page refers to is in $dir"
else
	echo "not ok 3 - every file a page refers to is in $dir"
	echo "$missing" | sed 's/^/# /'
fi
