// SPDX-License-Identifier: GPL-2.0
/*
 * Sizes and addresses as people write them: "4096", "0x1000", "4k", "16m",
 * "1g", "2t".  The suffixes are binary (k = 1024).  Anything else, including
 * a sign, blanks, an empty string or a value that does not fit in 64 bits,
 * is refused rather than silently truncated.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>

#include "sim.h"

static int suffix_shift(char c)
{
	switch (tolower((unsigned char)c)) {
	case 'k':
		return 10;
	case 'm':
		return 20;
	case 'g':
		return 30;
	case 't':
		return 40;
	default:
		return -1;
	}
}

bool parse_size(const char *s, uint64_t *val)
{
	unsigned long long n;
	char *end;
	int shift = 0;

	/* strtoull() would accept leading blanks and a minus sign. */
	if (!isdigit((unsigned char)s[0]))
		return false;
	errno = 0;
	n = strtoull(s, &end, 0);
	if (errno)
		return false;
	if (*end) {
		shift = suffix_shift(*end);
		if (shift < 0 || end[1])
			return false;
		if (n > UINT64_MAX >> shift)
			return false;
	}
	*val = (uint64_t)n << shift;
	return true;
}
