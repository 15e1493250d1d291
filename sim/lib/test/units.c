// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the shared helpers: sizes (including junk and overflow),
 * the random number generator (fixed reference values, so that a seed means
 * the same problem on every machine), the script reader and the command
 * line (what it accepts: a refusal ends the program, so the simulators'
 * tests check those).
 */
#include <inttypes.h>
#include <string.h>
#include <unistd.h>

#include "sim.h"

static const struct {
	const char *text;
	uint64_t val;
} good_sizes[] = {
	{ "0", 0 },
	{ "4096", 4096 },
	{ "4k", 4096 },
	{ "4K", 4096 },
	{ "16m", 16 << 20 },
	{ "1g", 1 << 30 },
	{ "2t", 2ULL << 40 },
	{ "0x1000", 0x1000 },
	{ "0x10k", 0x10 << 10 },
	{ "18446744073709551615", UINT64_MAX },
	{ "0xffffffffffffffff", UINT64_MAX },
	{ "16777215t", 16777215ULL << 40 },
};

static const char *const bad_sizes[] = {
	"",	     "k",     "-1",
	" 4",	     "4 ",    "4kb",
	"4x",	     "0x",    "1.5k",
	"+4",	     "4 k",   "18446744073709551616",
	"16777216t", "0x1p3", "0x10000000000000000",
};

#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))

static void test_sizes(void)
{
	for (int i = 0; i < N(good_sizes); i++) {
		uint64_t val = 0;
		bool ok = parse_size(good_sizes[i].text, &val);

		tap_ok(ok && val == good_sizes[i].val, "size '%s' is %" PRIu64,
		       good_sizes[i].text, good_sizes[i].val);
	}
	for (int i = 0; i < N(bad_sizes); i++) {
		uint64_t val = 42;

		tap_ok(!parse_size(bad_sizes[i], &val) && val == 42,
		       "size '%s' is refused", bad_sizes[i]);
	}
}

/*
 * The first outputs of SplitMix64 seeded with 1234567, as published with the
 * reference implementation; any machine must reproduce them.
 */
static const uint64_t splitmix_1234567[] = {
	6457827717110365317ULL, 3203168211198807973ULL,	 9817491932198370423ULL,
	4593380528125082431ULL, 16408922859458223821ULL,
};

static void test_rng(void)
{
	struct rng a, b;
	bool same = true, differ = false, in_range = true, hit_lo = false,
	     hit_hi = false;
	int i;

	rng_seed(&a, 1234567);
	for (i = 0; i < N(splitmix_1234567); i++)
		if (rng_next(&a) != splitmix_1234567[i])
			break;
	tap_ok(i == N(splitmix_1234567),
	       "rng matches the SplitMix64 reference");

	rng_seed(&a, 42);
	rng_seed(&b, 42);
	for (i = 0; i < 1000; i++)
		same &= rng_range(&a, 0, 99) == rng_range(&b, 0, 99);
	tap_ok(same, "the same seed gives the same numbers");

	rng_seed(&a, 42);
	rng_seed(&b, 43);
	for (i = 0; i < 10; i++)
		differ |= rng_next(&a) != rng_next(&b);
	tap_ok(differ, "different seeds give different numbers");

	rng_seed(&a, 7);
	for (i = 0; i < 10000; i++) {
		uint64_t x = rng_range(&a, 3, 9);

		in_range &= x >= 3 && x <= 9;
		hit_lo |= x == 3;
		hit_hi |= x == 9;
	}
	tap_ok(in_range && hit_lo && hit_hi, "rng_range(3, 9) covers [3, 9]");
	tap_ok(rng_range(&a, 5, 5) == 5, "rng_range(5, 5) is 5");
	rng_range(&a, 0, UINT64_MAX);
	tap_ok(true, "rng_range(0, UINT64_MAX) returns");
}

static void test_script(void)
{
	static char text[] = "# a comment\n"
			     "\n"
			     "mmap 0x1000  4k\trw-   # trailing comment\n"
			     "   maps\n";
	FILE *fp = fmemopen(text, strlen(text), "r");
	struct script s;
	bool ok;

	script_init(&s, fp, "mem");
	ok = script_next(&s);
	tap_ok(ok && s.lineno == 3 && s.argc == 4 &&
		       !strcmp(s.argv[0], "mmap") && !strcmp(s.argv[3], "rw-"),
	       "a line is split into words, comments dropped");
	ok = script_next(&s);
	tap_ok(ok && s.lineno == 4 && s.argc == 1 && !strcmp(s.argv[0], "maps"),
	       "leading blanks are skipped");
	tap_ok(!script_next(&s), "the end of the script is seen");
	fclose(fp);
}

static void test_getopt(void)
{
	static const struct sim_opts opts = { .help = "",
					      .letters = "a:Ps:c",
					      .operands = true };
	char *argv1[] = { "dir/prog", "-a", "x", "-cs", "7", "-P", "op", NULL };
	char *argv2[] = { "prog", "-P", NULL };
	struct sim_args args = { .seed = 1 };
	int c1, c2, c3;
	bool a_x;

	c1 = sim_getopt(7, argv1, &opts, &args);
	a_x = optarg && !strcmp(optarg, "x");
	c2 = sim_getopt(7, argv1, &opts, &args);
	c3 = sim_getopt(7, argv1, &opts, &args);
	tap_ok(c1 == 'a' && a_x && c2 == 'P' && c3 == -1,
	       "own options come back in order, a value in optarg");
	tap_ok(args.seeded && args.seed == 7 && args.answers && !args.file,
	       "-c and -s, grouped, fill the shared arguments");
	tap_ok(optind == 6 && !strcmp(prog_name, "prog"),
	       "optind is the operand, prog_name the base name");

	optind = 1;
	args = (struct sim_args){ .seed = 1 };
	c1 = sim_getopt(2, argv2, &opts, &args);
	c2 = sim_getopt(2, argv2, &opts, &args);
	tap_ok(c1 == 'P' && c2 == -1 && !args.seeded && args.seed == 1,
	       "without -s the caller's default seed stays");
}

int main(void)
{
	tap_plan(N(good_sizes) + N(bad_sizes) + 6 + 3 + 4);
	test_sizes();
	test_rng();
	test_script();
	test_getopt();
	return 0;
}
