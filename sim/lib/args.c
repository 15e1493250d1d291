// SPDX-License-Identifier: GPL-2.0
/*
 * The command line every simulator accepts, in the spirit of the OSTEP
 * homework simulators:
 *   -s SEED  generate a random problem; the same seed gives the same problem
 *   -c       also print the answers
 *   -f FILE  replay a script or trace instead ("-" reads standard input)
 *   -h       explain the program, its flags, and show an example
 * each program taking those that make sense for it, and options of its own.
 * Parsing and refusing them here gives every program the same errors.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sim.h"

int sim_getopt(int argc, char **argv, const struct sim_opts *opts,
	       struct sim_args *args)
{
	const char *slash = strrchr(argv[0], '/');
	char spec[128];
	int c;

	prog_name = slash ? slash + 1 : argv[0];
	/* the leading ':' tells a missing value from an unknown option */
	if (snprintf(spec, sizeof(spec), ":%sh", opts->letters) >=
	    (int)sizeof(spec))
		die("options \"%s\": too many for sim_getopt()", opts->letters);
	opterr = 0; /* we word the errors ourselves */
	while ((c = getopt(argc, argv, spec)) != -1) {
		switch (c) {
		case 's':
			if (!parse_size(optarg, &args->seed))
				usage_error("-s %s: give a number", optarg);
			args->seeded = true;
			break;
		case 'c':
			args->answers = true;
			break;
		case 'f':
			args->file = optarg;
			break;
		case 'h':
			fputs(opts->help, stdout);
			exit(0);
		case ':':
			usage_error("option -%c needs a value (try -h)",
				    optopt);
		case '?':
			usage_error("unknown option -%c (try -h)", optopt);
		default:
			return c;
		}
	}
	if (optind < argc && !opts->operands)
		usage_error("unexpected argument '%s' (try -h)", argv[optind]);
	return -1;
}

void sim_parse_args(int argc, char **argv, const char *help,
		    struct sim_args *args)
{
	const struct sim_opts opts = { .help = help, .letters = "s:cf:" };

	*args = (struct sim_args){ 0 };
	sim_getopt(argc, argv, &opts, args);
}

FILE *sim_open(const char *path)
{
	FILE *fp;

	if (!strcmp(path, "-"))
		return stdin;
	fp = fopen(path, "r");
	if (!fp)
		usage_error("cannot open %s: %s", path, strerror(errno));
	return fp;
}
