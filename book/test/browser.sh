#!/bin/sh
# TAP: the HTML site works in a real browser, from file://.  Headless
# Chromium loads the title page with a ?search= deep link for a word taken
# from the last page of the book, and a page with code; the DOM it dumps
# must show the sidebar, the search hit, the theme and the copy buttons.
#
#   browser.sh HTMLDIR
set -u
dir=$(cd "$1" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo 1..5

dump() {
	timeout 60 chromium --headless --no-sandbox --disable-gpu --disable-quic \
		--no-first-run --disable-background-networking --disable-component-update \
		--disable-sync --user-data-dir="$tmp/profile" --virtual-time-budget=5000 \
		--dump-dom "file://$dir/$1" 2>"$tmp/chromium.err" | tr '\n' ' '
}

if ! command -v chromium >/dev/null; then
	for i in 1 2 3 4 5; do echo "not ok $i - chromium is not installed"; done
	exit 0
fi

# The last entry of the search index: its page, and its longest word.
last=$(tail -n 2 "$dir/search-index.js" | head -n 1)
page=$(echo "$last" | sed 's/^{u:"\([^"#]*\).*/\1/')
word=$(echo "$last" | sed 's/.*,x:"//' | tr -cs 'A-Za-z' '\n' |
	awk 'length > length(w) { w = $0 } END { print tolower(w) }')
echo "# searching for \"$word\", from $page"

dom=$(dump "index.html?search=$word")
if echo "$dom" | grep -q '</html>'; then
	echo "ok 1 - chromium dumps the DOM of index.html"
else
	echo "not ok 1 - chromium dumps the DOM of index.html"
	sed 's/^/# /' "$tmp/chromium.err"
fi

sidebar=$(echo "$dom" | sed 's|.*<nav id="sidebar"||; s|</nav>.*||')
missing=
for p in "$dir"/*.html; do
	p=$(basename "$p")
	echo "$sidebar" | grep -qF "href=\"$p\"" || missing="$missing $p"
done
if [ -z "$missing" ]; then
	echo "ok 2 - the sidebar links to every page"
else
	echo "not ok 2 - the sidebar links to every page: missing$missing"
fi

results=$(echo "$dom" | sed 's|.*<section id="search-results"||; s|</section>.*||')
if echo "$results" | grep -qF "href=\"$page#"; then
	echo "ok 3 - ?search=$word lists $page"
else
	echo "not ok 3 - ?search=$word lists $page"
	echo "# results: $results"
fi

if echo "$dom" | grep -qE '<html[^>]* data-theme="(light|dark)"'; then
	echo "ok 4 - the theme is set before the page shows"
else
	echo "not ok 4 - the theme is set before the page shows"
fi

code=$(grep -l '<pre' "$dir"/*.html | head -n 1)
if [ -z "$code" ]; then
	echo "ok 5 # SKIP no page has a code block"
elif dump "$(basename "$code")" | grep -q '<button type="button" class="copy">Copy</button>'; then
	echo "ok 5 - code blocks get a copy button ($(basename "$code"))"
else
	echo "not ok 5 - code blocks get a copy button ($(basename "$code"))"
fi
