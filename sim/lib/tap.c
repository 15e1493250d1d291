// SPDX-License-Identifier: GPL-2.0
/*
 * Test Anything Protocol output for the C unit tests: a plan, one "ok" or
 * "not ok" line per check, and "#" lines for details.  make check counts
 * the lines; a test program always exits 0 and lets its TAP speak.
 */
#include <stdarg.h>

#include "sim.h"

static int tap_count;

void tap_plan(int tests)
{
	printf("1..%d\n", tests);
}

bool tap_ok(bool pass, const char *fmt, ...)
{
	va_list ap;

	printf("%sok %d - ", pass ? "" : "not ", ++tap_count);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	return pass;
}

void tap_diag(const char *fmt, ...)
{
	va_list ap;

	fputs("# ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}
