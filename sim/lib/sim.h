/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What every simulator of the book shares: the command line (-s SEED, -c,
 * -f FILE, -h), one-line errors, sizes written like "16k", a random number
 * generator that gives the same numbers on every machine, a reader for
 * line-oriented scripts, and TAP output for the C unit tests.
 */
#ifndef SIM_H
#define SIM_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdnoreturn.h>

#define PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))

/* Exit statuses: 1 when something fails at run time, 2 for bad input. */
#define EXIT_RUNTIME 1
#define EXIT_USAGE 2

/* The name errors are reported under; set by sim_getopt(). */
extern const char *prog_name;

noreturn void die(const char *fmt, ...) PRINTF(1, 2);
noreturn void usage_error(const char *fmt, ...) PRINTF(1, 2);

/* What the shared options asked for. */
struct sim_args {
	bool seeded; /* -s SEED was given */
	uint64_t seed;
	bool answers; /* -c */
	const char *file; /* -f FILE, "-" for stdin; NULL if absent */
};

/*
 * A simulator's command line.  letters are its options in getopt's syntax
 * ("a:Pv": a colon after one that takes a value), the shared ones it takes
 * among them, as "s:", "c" and "f:"; a shared option it leaves out is an
 * unknown option there.  -h, which prints help and exits, needs no letter.
 */
struct sim_opts {
	const char *help;
	const char *letters;
	bool operands; /* arguments may follow the options */
};

/*
 * The next option of the simulator's own, its value in optarg, or -1 after
 * the last option, optind then indexing the first operand.  The shared
 * options fill *args, which the caller sets before the first call: zeroes,
 * or a default seed.  Bad input ends the program with a usage error, -h
 * with the help.  Call it in a loop:
 *	while ((c = sim_getopt(argc, argv, &opts, &args)) != -1)
 *		switch (c) { ... }
 */
int sim_getopt(int argc, char **argv, const struct sim_opts *opts,
	       struct sim_args *args);
/* The whole command line of a simulator that takes -s, -c and -f only. */
void sim_parse_args(int argc, char **argv, const char *help,
		    struct sim_args *args);
FILE *sim_open(const char *path);

bool parse_size(const char *s, uint64_t *val);

struct rng {
	uint64_t state;
};

void rng_seed(struct rng *rng, uint64_t seed);
uint64_t rng_next(struct rng *rng);
uint64_t rng_range(struct rng *rng, uint64_t lo, uint64_t hi);

#define SCRIPT_LINE_MAX 256
#define SCRIPT_WORDS_MAX 8

struct script {
	FILE *fp;
	const char *name;
	unsigned int lineno;
	char line[SCRIPT_LINE_MAX];
	int argc;
	char *argv[SCRIPT_WORDS_MAX];
};

void script_init(struct script *s, FILE *fp, const char *name);
bool script_next(struct script *s);
noreturn void script_error(const struct script *s, const char *fmt, ...)
	PRINTF(2, 3);

/*
 * The simulators whose problems are scripts: -f FILE runs a script, -s SEED
 * prints the script that problem() writes for that seed, and with -c runs
 * it too, so the answer is exactly what -f would print.  The first
 * function refuses any other combination.
 */
void sim_want_script_or_seed(const struct sim_args *args);
void sim_script_or_problem(const struct sim_args *args,
			   void (*problem)(uint64_t seed, FILE *out),
			   void (*run)(FILE *in, const char *name));

void tap_plan(int tests);
bool tap_ok(bool pass, const char *fmt, ...) PRINTF(2, 3);
void tap_diag(const char *fmt, ...) PRINTF(1, 2);

#endif /* SIM_H */
