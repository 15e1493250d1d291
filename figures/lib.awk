# Helpers for the awk scripts that turn captures and simulator runs into
# gnuplot commands; run as awk -f figures/lib.awk -f figures/NN-slug/X.awk.

# mawk has no strtonum(): hex by hand.  A double is exact up to 2^53,
# enough for a user-space address, a pfn or an offset in a page.
function hex(s,    i, c, v) {
	s = tolower(s)
	sub(/^0x/, "", s)
	v = 0
	for (i = 1; i <= length(s); i++) {
		c = index("0123456789abcdef", substr(s, i, 1))
		if (c == 0)
			break
		v = v * 16 + c - 1
	}
	return v
}

# gnuplot strings in single quotes: a quote is doubled.
function q(s) {
	gsub(/'/, "''", s)
	return "'" s "'"
}
