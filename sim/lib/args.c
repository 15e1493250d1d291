// SPDX-License-Identifier: GPL-2.0
/*
 * The command line every simulator accepts, in the spirit of the OSTEP
 * homework simulators:
 *   -s SEED  generate a random problem; the same seed gives the same problem
 *   -c       also print the answers
 *   -f FILE  replay a script or trace instead ("-" reads standard input)
 *   -h       explain the program, its flags, and show an example
 * Which combinations make sense is up to each program.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sim.h"

void sim_parse_args(int argc, char **argv, const char *help,
		    struct sim_args *args)
{
	const char *slash = strrchr(argv[0], '/');
	int c;

	prog_name = slash ? slash + 1 : argv[0];
	*args = (struct sim_args){ 0 };
	opterr = 0; /* we word the errors ourselves */
	while ((c = getopt(argc, argv, ":s:cf:h")) != -1) {
		switch (c) {
		case 's':
			if (!parse_size(optarg, &args->seed))
				usage_error("bad seed '%s': give a number",
					    optarg);
			args->seeded = true;
			break;
		case 'c':
			args->answers = true;
			break;
		case 'f':
			args->file = optarg;
			break;
		case 'h':
			fputs(help, stdout);
			exit(0);
		case ':':
			usage_error("option -%c needs a value (try -h)",
				    optopt);
		default:
			usage_error("unknown option -%c (try -h)", optopt);
		}
	}
	if (optind < argc)
		usage_error("unexpected argument '%s' (try -h)", argv[optind]);
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
