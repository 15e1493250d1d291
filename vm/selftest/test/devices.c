// SPDX-License-Identifier: GPL-2.0
/*
 * devices - touch the QEMU devices that a suite's "# qemu:" header adds,
 * from user space, so that the runner's device support is proved before a
 * chapter's driver relies on it.
 *
 *   devices edu          the edu device's identification register, and
 *                        its liveness register (reads back the complement)
 *   devices testdev      pc-testdev's scratch register at port 0xe0, as a
 *                        word and by byte lane
 *   devices pci VEN:DEV  whether a PCI function with those ids exists
 *
 * Prints what it read, one "name value" line each; exits 1 with a message
 * on stderr when the device is missing or cannot be reached.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/io.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define PCI_DEVICES "/sys/bus/pci/devices"

static unsigned long read_hex(const char *dir, const char *name)
{
	char path[512];
	unsigned long v = 0;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s/%s", PCI_DEVICES, dir, name);
	f = fopen(path, "r");
	if (!f)
		return 0;
	if (fscanf(f, "%lx", &v) != 1)
		v = 0;
	fclose(f);
	return v;
}

/* The sysfs name (0000:00:04.0) of the first function with these ids. */
static int find_pci(unsigned long vendor, unsigned long device, char *name,
		    size_t len)
{
	DIR *d = opendir(PCI_DEVICES);
	struct dirent *e;
	int found = 0;

	if (!d)
		return 0;
	while (!found && (e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		if (read_hex(e->d_name, "vendor") == vendor &&
		    read_hex(e->d_name, "device") == device) {
			snprintf(name, len, "%s", e->d_name);
			found = 1;
		}
	}
	closedir(d);
	return found;
}

static int edu(void)
{
	char dev[256], path[512];
	volatile uint32_t *regs;
	struct stat st;
	int fd;

	if (!find_pci(0x1234, 0x11e8, dev, sizeof(dev))) {
		fprintf(stderr,
			"devices: no edu device (1234:11e8) on the PCI bus\n");
		return 1;
	}
	/* Memory decoding on, as pci_enable_device() would do for a driver. */
	snprintf(path, sizeof(path), "%s/%s/enable", PCI_DEVICES, dev);
	fd = open(path, O_WRONLY);
	if (fd < 0 || write(fd, "1", 1) != 1) {
		fprintf(stderr, "devices: %s: %s\n", path, strerror(errno));
		return 1;
	}
	close(fd);
	snprintf(path, sizeof(path), "%s/%s/resource0", PCI_DEVICES, dev);
	fd = open(path, O_RDWR | O_SYNC);
	if (fd < 0 || fstat(fd, &st)) {
		fprintf(stderr, "devices: %s: %s\n", path, strerror(errno));
		return 1;
	}
	regs = mmap(NULL, st.st_size, PROT_READ | PROT_WRITE, MAP_SHARED, fd,
		    0);
	if (regs == MAP_FAILED) {
		fprintf(stderr, "devices: mmap %s: %s\n", path,
			strerror(errno));
		return 1;
	}
	printf("edu-bar0-size %lld\n", (long long)st.st_size);
	printf("edu-id 0x%08" PRIx32 "\n", regs[0]);
	regs[1] = 0x12345678;
	printf("edu-liveness 0x%08" PRIx32 "\n", regs[1]);
	return 0;
}

static int testdev(void)
{
	if (ioperm(0xe0, 4, 1)) {
		fprintf(stderr, "devices: ioperm 0xe0: %s\n", strerror(errno));
		return 1;
	}
	outl(0xdeadbeef, 0xe0);
	printf("testdev-word 0x%08x\n", inl(0xe0));
	outb(0x5a, 0xe2);
	printf("testdev-lane2 0x%08x\n", inl(0xe0));
	return 0;
}

int main(int argc, char **argv)
{
	unsigned long vendor, device;
	char dev[256];

	if (argc == 2 && !strcmp(argv[1], "edu"))
		return edu();
	if (argc == 2 && !strcmp(argv[1], "testdev"))
		return testdev();
	if (argc == 3 && !strcmp(argv[1], "pci") &&
	    sscanf(argv[2], "%lx:%lx", &vendor, &device) == 2) {
		if (!find_pci(vendor, device, dev, sizeof(dev))) {
			fprintf(stderr, "devices: no PCI function %s\n",
				argv[2]);
			return 1;
		}
		printf("pci %s %s\n", argv[2], dev);
		return 0;
	}
	fprintf(stderr, "usage: devices edu | testdev | pci VENDOR:DEVICE\n");
	return 2;
}
