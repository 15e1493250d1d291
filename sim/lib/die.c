// SPDX-License-Identifier: GPL-2.0
/*
 * One-line errors.  Every problem is reported as "prog: error: what" on
 * stderr, so a script or a grader can tell a refused input (exit status 2)
 * from a program that failed while running (exit status 1).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "sim.h"

const char *prog_name = "sim";

static noreturn void verror(int status, const char *fmt, va_list ap)
{
	fprintf(stderr, "%s: error: ", prog_name);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	exit(status);
}

void die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	verror(EXIT_RUNTIME, fmt, ap);
}

void usage_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	verror(EXIT_USAGE, fmt, ap);
}
