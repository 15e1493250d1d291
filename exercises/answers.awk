# What the tests of the numeric exercises share: reading a student's
# answers file, and reading a number in it.  A test prepends this file to
# its own awk program.

# read_answers(FILE, GOT): GOT[NAME] = VALUE for every line "NAME = VALUE" of
# FILE, blanks around both trimmed; a # starts a comment.
function read_answers(file, got,   line, name, value) {
	while ((getline line < file) > 0) {
		sub(/#.*/, "", line)
		if (line !~ /=/)
			continue
		name = value = line
		sub(/[ \t]*=.*/, "", name)
		sub(/^[ \t]+/, "", name)
		sub(/^[^=]*=[ \t]*/, "", value)
		sub(/[ \t]+$/, "", value)
		got[name] = value
	}
}

# number(S): S in hex (0x...) or decimal as a number, -1 when it is neither.
# mawk has no strtonum(); a double is exact up to 2^53, enough for an
# address.
function number(s,   v, i) {
	s = tolower(s)
	if (s ~ /^0x[0-9a-f]+$/) {
		v = 0
		for (i = 3; i <= length(s); i++)
			v = v * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1
		return v
	}
	return s ~ /^[0-9]+$/ ? s + 0 : -1
}
