// SPDX-License-Identifier: GPL-2.0
/*
 * pagemap - what /proc/PID/pagemap says about one virtual page.
 *
 *   pagemap PID VA
 *
 * Prints the page frame number as 0x..., or "none" when no page is there.
 * pagemap holds one 64-bit word per virtual page: bit 63 says "present",
 * bits 0-54 are the pfn (Documentation/admin-guide/mm/pagemap.rst), which
 * only a process with CAP_SYS_ADMIN sees; others read 0.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#define PM_PRESENT (1ull << 63)
#define PM_PFN_MASK ((1ull << 55) - 1)

int main(int argc, char **argv)
{
	char path[64], *end;
	unsigned long long va;
	uint64_t word;
	int fd;

	if (argc != 3) {
		fprintf(stderr, "usage: pagemap PID VA\n");
		return 2;
	}
	va = strtoull(argv[2], &end, 16);
	if (*end) {
		fprintf(stderr, "pagemap: %s: not a hex address\n", argv[2]);
		return 2;
	}
	snprintf(path, sizeof(path), "/proc/%s/pagemap", argv[1]);
	fd = open(path, O_RDONLY);
	if (fd < 0) {
		perror(path);
		return 1;
	}
	if (pread(fd, &word, sizeof(word), (off_t)(va / 4096 * sizeof(word))) !=
	    sizeof(word)) {
		perror(path);
		return 1;
	}
	if (word & PM_PRESENT)
		printf("0x%llx\n", (unsigned long long)(word & PM_PFN_MASK));
	else
		printf("none\n");
	return 0;
}
