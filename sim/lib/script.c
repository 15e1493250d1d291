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

void sim_want_script_or_seed(const struct sim_args *args)
{
	if (args->seeded == !!args->file)
		usage_error("give either -f FILE or -s SEED (try -h)");
	if (args->answers && !args->seeded)
		usage_error("-c goes with -s (-f always prints the answers)");
}

void sim_script_or_problem(const struct sim_args *args,
			   void (*problem)(uint64_t seed, FILE *out),
			   void (*run)(FILE *in, const char *name))
{
	FILE *fp;

	if (args->seeded) {
		char *script;
		size_t len;

		fp = open_memstream(&script, &len);
		if (!fp)
			die("out of memory");
		problem(args->seed, fp);
		fclose(fp);
		fputs(script, stdout);
		if (args->answers) {
			fp = fmemopen(script, len, "r");
			if (!fp)
				die("out of memory");
			run(fp, "problem");
			fclose(fp);
		}
		free(script);
	} else {
		fp = sim_open(args->file);
		run(fp, args->file);
		if (fp != stdin)
			fclose(fp);
	}
}
