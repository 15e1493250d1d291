// SPDX-License-Identifier: GPL-2.0
/*
 * Scripts and traces are read one line at a time.  A '#' starts a comment,
 * blank lines are skipped, and the rest of a line is split into words at
 * blanks.  Errors name the file and the line, so a student can find the
 * typo: "vma: error: p.vma:3: unknown operation 'mmapp'".
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "sim.h"

void script_init(struct script *s, FILE *fp, const char *name)
{
	*s = (struct script){ .fp = fp, .name = name };
}

static void split_words(struct script *s)
{
	char *p = s->line;

	s->argc = 0;
	for (;;) {
		p += strspn(p, " \t\r");
		if (!*p)
			return;
		if (s->argc == SCRIPT_WORDS_MAX)
			script_error(s, "more than %d words", SCRIPT_WORDS_MAX);
		s->argv[s->argc++] = p;
		p += strcspn(p, " \t\r");
		if (*p)
			*p++ = '\0';
	}
}

/* Reads the next line that has words; false at the end of the input. */
bool script_next(struct script *s)
{
	while (fgets(s->line, sizeof(s->line), s->fp)) {
		size_t len = strcspn(s->line, "\n");

		s->lineno++;
		if (!s->line[len] && !feof(s->fp))
			script_error(s, "line longer than %d characters",
				     SCRIPT_LINE_MAX - 2);
		s->line[len] = '\0';
		s->line[strcspn(s->line, "#")] = '\0';
		split_words(s);
		if (s->argc)
			return true;
	}
	if (ferror(s->fp))
		die("%s: read error", s->name);
	return false;
}

void script_error(const struct script *s, const char *fmt, ...)
{
	char msg[SCRIPT_LINE_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	usage_error("%s:%u: %s", s->name, s->lineno, msg);
}
