// SPDX-License-Identifier: GPL-2.0
/*
 * kmap - what the kernel works out at boot about its own address space,
 * for one configuration and RAM size: the e820 map it is handed, the
 * "LOWMEM/HIGHMEM available" lines, the zones and the kernel virtual map.
 *
 * It models Debian 12's Linux 6.1 kernels (686-pae and amd64) booted the
 * way the book's VM boots them: QEMU 7.2's "pc" machine, the qboot
 * firmware and the PVH entry, which skips KASLR, so every address is the
 * default one.  The zones and the map are printed in the format of the
 * layout module's debugfs files, to be compared line by line in the VM.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "sim.h"

#define PAGE_SHIFT 12
#define PAGE_SIZE ((uint64_t)1 << PAGE_SHIFT)
#define PFN_UP(x) (((x) + PAGE_SIZE - 1) >> PAGE_SHIFT)
#define PFN_DOWN(x) ((x) >> PAGE_SHIFT)
#define MB ((uint64_t)1 << 20)
#define GB ((uint64_t)1 << 30)

static const char help[] =
	"usage: kmap [-a i386|x86_64] [-m RAM] [-S 3G|2G|1G] [-P] [-v SIZE] [-l 4|5]\n"
	"       kmap -s SEED [-c]\n"
	"What Linux 6.1 (Debian 12) works out at boot with RAM given to QEMU's pc\n"
	"machine: the e820 map, LOWMEM and HIGHMEM (i386), the zones, and the\n"
	"kernel's virtual map, as /sys/kernel/debug/layout/{zones,map} show them.\n"
	"  -a ARCH  i386 (default) or x86_64\n"
	"  -m RAM   QEMU's -m (default 128M); as in QEMU, a bare number is MiB\n"
	"  -S SPLIT i386: user space of VMSPLIT_3G (default), VMSPLIT_2G or _1G\n"
	"  -P       i386: PAE, Debian's 686-pae kernel (without: the 686 kernel)\n"
	"  -v SIZE  i386: boot with vmalloc=SIZE (as in the kernel, a bare number\n"
	"           is bytes)\n"
	"  -l N     x86_64: 4 (default) or 5 levels of page tables\n"
	"  -s SEED  make up a problem; -c also prints its answer\n"
	"Managed and free pages depend on what the kernel allocates: shown as -.\n"
	"Example: kmap -a i386 -P -m 2G    (879MB LOWMEM, 1168MB HIGHMEM)\n";

static struct cfg {
	int bits; /* 32 (i386) or 64 (x86_64) */
	int levels; /* x86_64: levels of page tables */
	uint64_t page_offset; /* i386: CONFIG_PAGE_OFFSET of the VMSPLIT */
	bool pae;
	const char *vmalloc; /* i386: vmalloc=, or NULL */
	uint64_t vmalloc_size;
	uint64_t ram; /* QEMU's -m */
} cfg = { .bits = 32, .levels = 4, .page_offset = 3 * GB, .ram = 128 * MB };

/* The physical memory map that QEMU and qboot hand to the kernel. */
enum {
	E820_RAM = 1,
	E820_RESERVED = 2,
	E820_NVS = 4
};
static struct e820_entry {
	uint64_t addr, size;
	int type;
} e820[8];
static int nr_e820;

static void e820_add(uint64_t addr, uint64_t size, int type)
{
	e820[nr_e820++] = (struct e820_entry){ addr, size, type };
}

/* @region e820 */
static void qemu_e820(uint64_t ram)
{
	uint64_t below_4g = ram, above_4g = 0;

	/* hw/i386/pc_piix.c: from 3.5 GiB of RAM on, 3 GiB stay below 4 GiB
	 * (gigabyte_align) and the rest moves above it, out of the PCI hole. */
	if (ram >= 0xe0000000) {
		below_4g = 0xc0000000;
		above_4g = ram - below_4g;
	}
	/* qboot: 639 KiB of low RAM, the EBDA and ROM holes, ACPI, the BIOS */
	e820_add(0, 0x9fc00, E820_RAM);
	e820_add(0x9fc00, 0xd0000 - 0x9fc00, E820_RESERVED);
	e820_add(0xd0000, 0x20000, E820_NVS);
	e820_add(0xf0000, 0x10000, E820_RESERVED);
	/* QEMU's RAM entry starts at 0: qboot moves its start to 1 MiB */
	e820_add(1 * MB, below_4g - 1 * MB, E820_RAM);
	if (above_4g)
		e820_add(4 * GB, above_4g, E820_RAM);
	/* QEMU 7.2, AMD CPU (its default qemu64): the HyperTransport hole */
	e820_add(0xfd00000000, 12 * GB, E820_RESERVED);
}
/* @end e820 */

/*
 * What memblock keeps of the e820 map: RAM, in whole pages, without the
 * first page (trim_bios_range() reserves it).  Without PAE phys_addr_t has
 * 32 bits, and e820__memblock_setup() skips RAM that ends above 4 GiB.
 */
static bool memblock_has(const struct e820_entry *e)
{
	return e->type == E820_RAM &&
	       (cfg.bits == 64 || cfg.pae || e->addr + e->size <= 4 * GB);
}

/* The pages of RAM in [lo, hi): a zone's present pages. */
static uint64_t ram_pages(uint64_t lo, uint64_t hi)
{
	uint64_t n = 0;

	for (int i = 0; i < nr_e820; i++) {
		uint64_t s = PFN_UP(e820[i].addr),
			 t = PFN_DOWN(e820[i].addr + e820[i].size);

		s = s > lo ? s : lo > 1 ? lo : 1;
		t = t < hi ? t : hi;
		if (memblock_has(&e820[i]) && t > s)
			n += t - s;
	}
	return n;
}

/* e820_end_pfn(): where the last RAM below MAX_ARCH_PFN ends (max_pfn) */
static uint64_t end_of_ram_pfn(uint64_t max_arch_pfn)
{
	uint64_t last = 0;

	for (int i = 0; i < nr_e820; i++) {
		uint64_t end = PFN_DOWN(e820[i].addr + e820[i].size);

		if (e820[i].type != E820_RAM ||
		    PFN_DOWN(e820[i].addr) >= max_arch_pfn)
			continue;
		if (end > max_arch_pfn)
			return max_arch_pfn;
		last = end > last ? end : last;
	}
	return last;
}

/* The map file: a name and an address, or PGTABLE_LEVELS in decimal. */
static struct {
	const char *name;
	uint64_t val;
} map[16];
static int nr_map;
#define show(n, v) (map[nr_map].name = (n), map[nr_map++].val = (v))

static uint64_t max_pfn, max_low_pfn, highstart_pfn, highend_pfn;

/*
 * The 686-pae kernel's .config and headers.  Its fixmap (asm/fixmap.h) has
 * 583 permanent slots: FIX_HOLE, FIX_DBGP_BASE, FIX_EARLYCON_MEM_BASE and
 * FIX_APIC_BASE; one per I/O APIC (MAX_IO_APICS is 64 on 32-bit,
 * asm/apicdef.h); KM_MAX_IDX kmap_local slots (16, asm-generic/kmap_size.h)
 * for each of NR_CPUS (CONFIG_NR_CPUS=32); FIX_PCIE_MCFG; the two GHES
 * slots.  A cpu_entry_area (asm/cpu_entry_area.h) is 43 pages: the GDT, a
 * guard page, the entry stack, a guard page, the doublefault stack, the TSS
 * with its two 8 KiB I/O bitmaps (5 pages), the debug store, and 32 pages
 * of BTS and PEBS buffers.
 */
#define NR_CPUS 32
#define KM_MAX_IDX 16
#define MAX_IO_APICS 64
#define END_OF_PERMANENT_FIXED (4 + MAX_IO_APICS + KM_MAX_IDX * NR_CPUS + 1 + 2)
#define TOTAL_FIX_BTMAPS 512
#define CPU_ENTRY_AREA_PAGES (NR_CPUS * 43)
#define VMALLOC_OFFSET (8 * MB)

static void layout_i386(void)
{
	/* @region split */
	const uint64_t PAGE_OFFSET = cfg.page_offset, TASK_SIZE = PAGE_OFFSET;
	const uint64_t PMD_MASK = ~((cfg.pae ? 2 : 4) * MB - 1);
	const uint64_t PTRS_PER_PTE = cfg.pae ? 512 : 1024;
	const uint64_t LAST_PKMAP = cfg.pae ? 512 : 1024;
	const uint64_t FIXADDR_TOP =
		0xfffff000; /* __FIXADDR_TOP, pgtable_32.c */
	uint64_t perm = END_OF_PERMANENT_FIXED, btmap_end = perm;

	/* Below the permanent slots, 512 for early_ioremap(), which must not
	 * straddle a page table; then FIX_WP_TEST. */
	if ((perm ^ (perm + TOTAL_FIX_BTMAPS - 1)) & -PTRS_PER_PTE)
		btmap_end = perm + TOTAL_FIX_BTMAPS -
			    (perm & (TOTAL_FIX_BTMAPS - 1));
	uint64_t end_of_fixed_addresses = btmap_end + TOTAL_FIX_BTMAPS + 1;
	uint64_t FIXADDR_START = FIXADDR_TOP - (perm << PAGE_SHIFT);
	uint64_t FIXADDR_TOT_START =
		FIXADDR_TOP - (end_of_fixed_addresses << PAGE_SHIFT);
	/* asm/pgtable_32_areas.h: each area below the previous, PMD-aligned
	 * (the +1 is the IDT's page) */
	uint64_t CPU_ENTRY_AREA_BASE =
		(FIXADDR_TOT_START - PAGE_SIZE * (CPU_ENTRY_AREA_PAGES + 1)) &
		PMD_MASK;
	uint64_t LDT_BASE_ADDR = (CPU_ENTRY_AREA_BASE - PAGE_SIZE) & PMD_MASK;
	uint64_t PKMAP_BASE = (LDT_BASE_ADDR - PAGE_SIZE) & PMD_MASK;
	uint64_t VMALLOC_END = PKMAP_BASE - 2 * PAGE_SIZE;
	/* @end split */
	/* @region maxmem */
	/* pgtable_32.c: 128 MiB by default; vmalloc= plus the guard hole */
	uint64_t __VMALLOC_RESERVE =
		cfg.vmalloc ? cfg.vmalloc_size + VMALLOC_OFFSET : 128 * MB;

	if (__VMALLOC_RESERVE > UINT32_MAX)
		usage_error(
			"vmalloc=%s: with the 8M VMALLOC_OFFSET it overflows the kernel's 32-bit __VMALLOC_RESERVE",
			cfg.vmalloc);
	if (__VMALLOC_RESERVE >= VMALLOC_END - PAGE_OFFSET)
		usage_error(
			"vmalloc=%s leaves no lowmem: MAXMEM = VMALLOC_END - PAGE_OFFSET - __VMALLOC_RESERVE < 0, which the kernel does not check: it would not boot",
			cfg.vmalloc);
	uint64_t MAXMEM = VMALLOC_END - PAGE_OFFSET - __VMALLOC_RESERVE;
	uint64_t MAXMEM_PFN = PFN_DOWN(MAXMEM);

	/* find_low_pfn_range(): RAM above MAXMEM is highmem */
	max_low_pfn = max_pfn <= MAXMEM_PFN ? max_pfn : MAXMEM_PFN;
	/* initmem_init(): the direct map ends at high_memory */
	highstart_pfn = highend_pfn = max_pfn;
	if (max_pfn > max_low_pfn)
		highstart_pfn = max_low_pfn;
	uint64_t high_memory = PAGE_OFFSET + highstart_pfn * PAGE_SIZE;
	uint64_t VMALLOC_START = high_memory + VMALLOC_OFFSET;
	/* @end maxmem */

	if (max_low_pfn < PFN_DOWN(32 * MB))
		usage_error(
			"vmalloc=%s leaves %" PRIu64
			"M of lowmem: the kernel, loaded at 16M (CONFIG_PHYSICAL_START), needs 32M",
			cfg.vmalloc, max_low_pfn >> 8);
	if (VMALLOC_START >= VMALLOC_END)
		usage_error("vmalloc=%s: VMALLOC_START 0x%" PRIx64
			    " >= VMALLOC_END 0x%" PRIx64
			    ", and the kernel stops with BUG() in mem_init()",
			    cfg.vmalloc, VMALLOC_START, VMALLOC_END);
	show("TASK_SIZE", TASK_SIZE);
	show("PAGE_OFFSET", PAGE_OFFSET);
	show("high_memory", high_memory);
	show("max_low_pfn", max_low_pfn);
	show("VMALLOC_START", VMALLOC_START);
	show("VMALLOC_END", VMALLOC_END);
	show("PKMAP_BASE", PKMAP_BASE);
	show("LAST_PKMAP", LAST_PKMAP);
	show("LDT_BASE_ADDR", LDT_BASE_ADDR);
	show("CPU_ENTRY_AREA_BASE", CPU_ENTRY_AREA_BASE);
	show("FIXADDR_START", FIXADDR_START);
	show("FIXADDR_TOP", FIXADDR_TOP);
}

/*
 * x86_64: asm/page_64_types.h and asm/pgtable_64_types.h.  With 5 levels a
 * top-level entry maps 256 TiB (PGDIR_SHIFT 48, not 39), and the direct map,
 * vmalloc and vmemmap move to their _L5 bases.  The amd64 .config's fixmap
 * has 646 permanent slots: the vsyscall page is slot 511 (so that it lands
 * on VSYSCALL_ADDR), then FIX_DBGP_BASE, FIX_EARLYCON_MEM_BASE,
 * FIX_APIC_BASE, 128 I/O APICs, FIX_PARAVIRT_BOOTMAP and two GHES slots.
 */
static void layout_x86_64(void)
{
	const bool l5 = cfg.levels == 5;
	const uint64_t PAGE_OFFSET = l5 ? 0xff11000000000000 :
					  0xffff888000000000;
	const uint64_t VMALLOC_START = l5 ? 0xffa0000000000000 :
					    0xffffc90000000000;
	const uint64_t VMALLOC_SIZE_TB = l5 ? 12800 : 32;
	const int PGDIR_SHIFT = l5 ? 48 : 39, P4D_SHIFT = 39;
	const uint64_t VSYSCALL_ADDR = -(10 * MB), PMD_SIZE = 2 * MB;
	const uint64_t FIXADDR_TOP =
		((VSYSCALL_ADDR + PAGE_SIZE + PMD_SIZE - 1) & -PMD_SIZE) -
		PAGE_SIZE;
	const uint64_t __START_KERNEL_map = 0xffffffff80000000;
	const uint64_t KERNEL_IMAGE_SIZE = 1 * GB; /* with RANDOMIZE_BASE */

	/* init_mem_mapping(): the direct map covers all RAM, max_low_pfn = max_pfn */
	max_low_pfn = max_pfn;
	show("TASK_SIZE", ((uint64_t)1 << (l5 ? 56 : 47)) - PAGE_SIZE);
	show("PAGE_OFFSET", PAGE_OFFSET);
	show("high_memory", PAGE_OFFSET + max_pfn * PAGE_SIZE);
	show("max_low_pfn", max_low_pfn);
	show("VMALLOC_START", VMALLOC_START);
	show("VMALLOC_END", VMALLOC_START + (VMALLOC_SIZE_TB << 40) - 1);
	show("PGTABLE_LEVELS", (uint64_t)cfg.levels);
	show("VMEMMAP_START", l5 ? 0xffd4000000000000 : 0xffffea0000000000);
	show("LDT_BASE_ADDR", (uint64_t)-240 << PGDIR_SHIFT);
	show("CPU_ENTRY_AREA_BASE", (uint64_t)-4 << P4D_SHIFT);
	show("ESPFIX_BASE_ADDR", (uint64_t)-2 << P4D_SHIFT);
	show("__START_KERNEL_map", __START_KERNEL_map);
	show("MODULES_VADDR", __START_KERNEL_map + KERNEL_IMAGE_SIZE);
	show("MODULES_END", 0xffffffffff000000);
	show("FIXADDR_START", FIXADDR_TOP - (646 << PAGE_SHIFT));
	show("FIXADDR_TOP", FIXADDR_TOP);
}

static void print_zones(void)
{
	static const char *const name[2][5] = {
		{ "DMA", "Normal", "HighMem", "Movable" },
		{ "DMA", "DMA32", "Normal", "Movable", "Device" }
	};
	const uint64_t MAX_DMA_PFN = PFN_DOWN(16 * MB),
		       MAX_DMA32_PFN = PFN_DOWN(4 * GB);
	const int nr_zones = cfg.bits == 32 ? 4 : 5, ZONE_MOVABLE = 3;
	uint64_t max_zone_pfn[5] = { 0 }, node_start = 1, node_end = 0, start;

	printf("%-4s %-8s %10s %10s %9s %9s %9s %9s\n", "node", "zone",
	       "start_pfn", "end_pfn", "spanned", "present", "managed", "free");
	/* @region zones */
	/* The node spans memblock's RAM: from pfn 1 to the end of the last RAM. */
	for (int i = 0; i < nr_e820; i++)
		if (memblock_has(&e820[i]) &&
		    PFN_DOWN(e820[i].addr + e820[i].size) > node_end)
			node_end = PFN_DOWN(e820[i].addr + e820[i].size);
	/* zone_sizes_init(), arch/x86/mm/init.c: the highest pfn of each zone */
	max_zone_pfn[0] = max_low_pfn < MAX_DMA_PFN ? max_low_pfn : MAX_DMA_PFN;
	if (cfg.bits == 32) {
		max_zone_pfn[1] = max_low_pfn; /* ZONE_NORMAL */
		max_zone_pfn[2] = max_pfn; /* ZONE_HIGHMEM */
	} else {
		max_zone_pfn[1] = max_low_pfn < MAX_DMA32_PFN ? max_low_pfn :
								MAX_DMA32_PFN;
		max_zone_pfn[2] = max_low_pfn; /* ZONE_NORMAL */
	}
	/* free_area_init(): each zone begins where the one below ends; without
	 * kernelcore= or movablecore=, ZONE_MOVABLE (and ZONE_DEVICE) is empty */
	start = node_start;
	for (int z = 0; z < nr_zones; z++) {
		uint64_t low = start, high = start, zs, ze;
		char s[24], e[24];

		if (z != ZONE_MOVABLE)
			start = high = max_zone_pfn[z] > start ?
					       max_zone_pfn[z] :
					       start;
		/* zone_spanned_pages_in_node(): that range, clipped to the node */
		zs = node_start < low  ? low :
		     node_start > high ? high :
					 node_start;
		ze = node_end < low ? low : node_end > high ? high : node_end;
		if (ze <= zs)
			zs = ze =
				0; /* calculate_node_totalpages(): empty starts at 0 */
		snprintf(s, sizeof(s), "0x%" PRIx64, zs);
		snprintf(e, sizeof(e), "0x%" PRIx64, ze);
		printf("%-4d %-8s %10s %10s %9" PRIu64 " %9" PRIu64
		       " %9s %9s\n",
		       0, name[cfg.bits == 64][z], s, e, ze - zs,
		       ram_pages(zs, ze), "-", "-");
	}
	/* @end zones */
}

static void run(void)
{
	static const char *const type[] = { [E820_RAM] = "usable",
					    [E820_RESERVED] = "reserved",
					    [E820_NVS] = "ACPI NVS" };

	qemu_e820(cfg.ram);
	for (int i = 0; i < nr_e820; i++)
		printf("BIOS-e820: [mem 0x%016" PRIx64 "-0x%016" PRIx64
		       "] %s\n",
		       e820[i].addr, e820[i].addr + e820[i].size - 1,
		       type[e820[i].type]);
	putchar('\n');
	/* MAX_ARCH_PFN (kernel/e820.c): 2^36 bytes with PAE, 2^32 without, and
	 * 2^MAX_PHYSMEM_BITS on x86_64 (46 bits, 52 with 5 levels) */
	max_pfn = end_of_ram_pfn((uint64_t)1
				 << ((cfg.bits == 32  ? (cfg.pae ? 36 : 32) :
				      cfg.levels == 5 ? 52 :
							46) -
				     PAGE_SHIFT));
	if (cfg.bits == 32) {
		layout_i386();
		/* initmem_init(), with pages_to_mb(): pages >> (20 - PAGE_SHIFT) */
		printf("%" PRIu64 "MB HIGHMEM available.\n",
		       (highend_pfn - highstart_pfn) >> 8);
		printf("%" PRIu64 "MB LOWMEM available.\n\n", max_low_pfn >> 8);
	} else {
		layout_x86_64();
	}
	print_zones();
	putchar('\n');
	for (int i = 0; i < nr_map; i++)
		if (!strcmp(map[i].name, "PGTABLE_LEVELS"))
			printf("%-20s %" PRIu64 "\n", map[i].name, map[i].val);
		else
			printf("%-20s 0x%0*" PRIx64 "\n", map[i].name,
			       cfg.bits / 4, map[i].val);
}

/* -s: a configuration drawn at random, always one the kernel boots with */
static void problem(uint64_t seed, bool answers)
{
	static char vmalloc[16];
	struct rng rng;

	rng_seed(&rng, seed);
	if (rng_range(&rng, 0, 3) == 0) {
		cfg.bits = 64;
		cfg.levels = (int)rng_range(&rng, 4, 5);
		cfg.ram = rng_range(&rng, 1, 64) * 128 * MB;
		printf("x86_64, %d-level paging, %" PRIu64
		       " MiB of RAM: where does the direct map\n"
		       "end, and how many pages does each zone span and hold?\n",
		       cfg.levels, cfg.ram / MB);
	} else {
		cfg.page_offset = rng_range(&rng, 1, 3) * GB;
		cfg.pae = rng_range(&rng, 0, 3) != 0;
		if (rng_range(&rng, 0, 1)) {
			cfg.vmalloc_size = rng_range(&rng, 1, 16) * 32 * MB;
			snprintf(vmalloc, sizeof(vmalloc), "%" PRIu64 "M",
				 cfg.vmalloc_size / MB);
			cfg.vmalloc = vmalloc;
		}
		cfg.ram = rng_range(&rng, 1, 32) * 128 * MB;
		printf("VMSPLIT_%" PRIu64 "G, %s, vmalloc=%s, %" PRIu64
		       " MiB of RAM: where do lowmem,\n"
		       "highmem and the vmalloc area begin and end? How much LOWMEM and\n"
		       "HIGHMEM does the boot log report?\n",
		       cfg.page_offset / GB, cfg.pae ? "PAE" : "no PAE",
		       cfg.vmalloc ? cfg.vmalloc : "128M reserve (default)",
		       cfg.ram / MB);
	}
	if (!answers)
		return;
	if (cfg.bits == 64)
		printf("\nAnswer (kmap -a x86_64 -l %d", cfg.levels);
	else
		printf("\nAnswer (kmap -a i386 -S %" PRIu64 "G%s%s%s",
		       cfg.page_offset / GB, cfg.pae ? " -P" : "",
		       cfg.vmalloc ? " -v " : "",
		       cfg.vmalloc ? cfg.vmalloc : "");
	printf(" -m %" PRIu64 "M):\n\n", cfg.ram / MB);
	run();
}

static uint64_t size_arg(int opt, const char *s)
{
	uint64_t v;

	if (!parse_size(s, &v))
		usage_error(
			"-%c %s: not a size (try 4096, 0x1000, 4k, 16m or 1g)",
			opt, s);
	return v;
}

int main(int argc, char **argv)
{
	static const struct sim_opts opts = { .help = help,
					      .letters = "a:m:S:Pv:l:s:c" };
	struct sim_args args = { 0 };
	const char *ram = "128M";
	bool configured = false, i386_only = false, l_given = false;
	int c;

	/* Some bad inputs show only once the e820 map is printed: keep the
	 * whole output until the end, so that a refusal prints nothing. */
	static char out[1 << 14];

	setvbuf(stdout, out, _IOFBF, sizeof(out));
	while ((c = sim_getopt(argc, argv, &opts, &args)) != -1) {
		/* each option of kmap's own shapes the machine */
		configured = true;
		switch (c) {
		case 'a':
			if (strcmp(optarg, "i386") && strcmp(optarg, "x86_64"))
				usage_error(
					"-a %s: unknown architecture: give i386 or x86_64",
					optarg);
			cfg.bits = strcmp(optarg, "i386") ? 64 : 32;
			break;
		case 'm': /* QEMU: a number without a suffix is MiB; 8 KiB granules */
			cfg.ram = size_arg(c, ram = optarg);
			if (strchr("0123456789", optarg[strlen(optarg) - 1]))
				cfg.ram = cfg.ram > UINT64_MAX / MB ?
						  UINT64_MAX :
						  cfg.ram * MB;
			cfg.ram = cfg.ram > UINT64_MAX - 8191 ?
					  UINT64_MAX :
					  (cfg.ram + 8191) & ~(uint64_t)8191;
			break;
		case 'S': /* VMSPLIT_3G: 3 GiB of user space, PAGE_OFFSET 0xc0000000 */
			cfg.page_offset = size_arg(c, optarg);
			if (cfg.page_offset != 1 * GB &&
			    cfg.page_offset != 2 * GB &&
			    cfg.page_offset != 3 * GB)
				usage_error(
					"-S %s: VMSPLIT gives user space 3G, 2G or 1G",
					optarg);
			i386_only = true;
			break;
		case 'P':
			cfg.pae = i386_only = true;
			break;
		case 'v':
			cfg.vmalloc_size = size_arg(c, cfg.vmalloc = optarg);
			i386_only = true;
			break;
		case 'l':
			if (strcmp(optarg, "4") && strcmp(optarg, "5"))
				usage_error(
					"-l %s: x86_64 has 4 or 5 levels of page tables",
					optarg);
			cfg.levels = *optarg - '0';
			l_given = true;
			break;
		}
	}
	if (args.seeded && configured)
		usage_error(
			"-s SEED makes up the whole problem: give only -s and -c");
	if (args.seeded) {
		problem(args.seed, args.answers);
		return 0;
	}
	if (args.answers)
		usage_error(
			"-c prints the answer to the problem that -s SEED makes up");
	if (cfg.bits == 64 && i386_only)
		usage_error(
			"-S, -P and -v are for i386: x86_64 has no VMSPLIT, no PAE switch, no vmalloc=");
	if (cfg.bits == 32 && l_given)
		usage_error(
			"-l %d: i386 has 2 levels of page tables, 3 with PAE (-P); -l is for x86_64",
			cfg.levels);
	if (cfg.ram == 0)
		usage_error("-m %s: no RAM (QEMU would take its default, 128M)",
			    ram);
	if (cfg.ram < 32 * MB)
		usage_error(
			"-m %s: the kernel is loaded at 16M (CONFIG_PHYSICAL_START) and needs 32M",
			ram);
	if (cfg.bits == 32 && cfg.ram > (cfg.pae ? 64 : 4) * GB)
		usage_error("-m %s: i386 addresses at most %s", ram,
			    cfg.pae ?
				    "64G with PAE (36-bit physical addresses)" :
				    "4G without PAE (try -P)");
	/* Beyond, QEMU would have to put RAM above 1 TiB: its qemu64 CPU has 40 address bits */
	if (cfg.bits == 64 && cfg.ram > 1009 * GB)
		usage_error(
			"-m %s: QEMU 7.2's pc machine takes at most 1009G with its default CPU",
			ram);
	run();
	return 0;
}
