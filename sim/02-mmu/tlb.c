// SPDX-License-Identifier: GPL-2.0
/*
 * tlb - a translation lookaside buffer, fed with a trace of memory
 * references (-f), with a pattern it makes up (-g), or with a small
 * problem to solve by hand (-s SEED alone; -c answers it).
 *
 * The TLB.  ENTRIES entries in sets of WAYS (-e, -a): a page may only go in
 * the set that the low bits of its page number select, so the number of
 * sets must be a power of two.  -a 1 is direct-mapped, -a full one set.
 * Both page sizes share the entries, as in the L1 data TLB of AMD's Zen
 * cores (fully associative, every page size); Intel's have an L1 array
 * per page size.  A 2 MiB page takes one entry for what would be 512 4 KiB
 * pages, and its set comes from its 2 MiB page number, VA >> PMD_SHIFT.
 * When a set is full, the policy (-p) picks the entry to evict: lru (least
 * recently used), fifo (first filled), random (seeded with -s), or clock,
 * which is exercise 02.2 (tlb-clock.h).  An empty way is always used first.
 *
 * Address spaces.  An entry is tagged with the PCID it was filled under,
 * x86's 12-bit address-space id (CR3_PCID_MASK is 0xfff).  "switch PCID"
 * changes the current one: with -t pcid (the default) the entries of the
 * others stay, as when Linux 6.1 loads CR3 with CR3_NOFLUSH for a PCID
 * whose entries are still valid; with -t flush every entry but the global
 * ones goes, as a CR3 write does without PCIDs.  A global page (its PTE's
 * G bit: the kernel's own mappings) matches under every PCID.  The kernel
 * cycles through only TLB_NR_DYN_ASIDS (6) PCIDs per CPU; a trace may use
 * all 4096.
 *
 * The page size and the G bit come from the trace, as the PTE found by the
 * page walk would give them.  The same address given as 4 KiB and as
 * 2 MiB is two different pages, as after a remapping without invlpg.
 * Reads and writes are looked up alike: the dirty bit is not modelled.
 *
 * Text traces: one operation a line, '#' starts a comment.
 *   r ADDR [2m] [g]   read ADDR: a 4 KiB page (or 2m), global with g
 *   w ADDR [2m] [g]   write it
 *   switch PCID       make PCID (0-4095) the current one; it starts at 0
 *   invlpg ADDR       drop the entries of the page(s) holding ADDR, for the
 *                     current PCID and global ones, as INVLPG does
 *   flush             drop every entry but the global ones, of every PCID,
 *                     as INVPCID_TYPE_ALL_NON_GLOBAL does
 *   flushall          drop every entry (INVPCID_TYPE_ALL_INCL_GLOBAL)
 * Binary traces: the 8 bytes "\177TLB v1\n", then one 64-bit little-endian
 * record per operation:
 *   bits 63-12  the address's page-aligned bits (switch: the PCID, in 23-12)
 *   bit  8      G, a global page (r, w), where the PTE keeps _PAGE_BIT_GLOBAL
 *   bit  7      PS, a 2 MiB page (r, w), as _PAGE_BIT_PSE
 *   bits 2-0    0 r, 1 w, 2 switch, 3 invlpg, 4 flush, 5 flushall
 *   bits 11-9 and 6-3 are zero.
 * Addresses are canonical with 5-level paging: bits 63-57 copy bit 56.
 *
 * Speed.  A lookup hashes the tag into a table of the valid entries, so it
 * costs the same for 4 ways or 1536; each set keeps its entries in a list,
 * most recently filled (or, for LRU, used) first and empty ones last, so
 * LRU and FIFO find their victim at the tail at once.  Traces are mapped
 * and replayed without a copy: some 60 M references a second.
 *
 * The effective access time.  A reference that hits costs the TLB lookup and
 * the memory access; a miss costs the lookup, one memory reference per
 * level of the page walk and the access.  The walk has -l levels (4 on
 * x86_64, 5 with LA57) for a 4 KiB page and one fewer for a 2 MiB page, whose PMD entry
 * is the last.  Page-walk caches and data caches are not modelled:
 *   EAT = (hits * (T + M) + misses * (T + levels * M + M)) / references
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sim.h"

#define PAGE_SHIFT 12
#define PMD_SHIFT 21
#define PAGE_SIZE (UINT64_C(1) << PAGE_SHIFT)
#define PMD_SIZE (UINT64_C(1) << PMD_SHIFT)
#define MAX_PCID 0xfff /* CR3_PCID_MASK */

static const char help[] =
	"usage: tlb [-e ENTRIES] [-a WAYS|full] [-p POLICY] [-t pcid|flush]\n"
	"           [-T NS] [-M NS] [-l LEVELS] [-c] [-s SEED] -f TRACE\n"
	"       tlb [TLB options] -g loop|chase|random [-n N] [-S STRIDE] [-P 4k|2m]\n"
	"           [-R REFS] [-s SEED] [-c]\n"
	"       tlb (-f TRACE | -g ...) -w FILE       write a binary trace\n"
	"       tlb -s SEED [-c]                      a problem to solve by hand\n"
	"A TLB replaying memory references: hits, misses, the effective access time.\n"
	"  -e ENTRIES   entries (default 64)\n"
	"  -a WAYS      ways per set: 1 (direct-mapped) to full (default 4); the\n"
	"               number of sets, ENTRIES / WAYS, is a power of two\n"
	"  -p POLICY    lru (default), fifo, random, or clock (exercise 02.2)\n"
	"  -t TAGS      on switch: pcid keeps other PCIDs' entries (default),\n"
	"               flush drops all entries but global ones\n"
	"  -T NS, -M NS the latency of the TLB (default 1) and of a memory\n"
	"               reference (default 100), for the effective access time\n"
	"  -l LEVELS    levels of page tables walked on a 4 KiB miss (default 4)\n"
	"  -f TRACE     a text or binary trace (see the top of tlb.c); - is stdin\n"
	"  -g PATTERN   make up REFS (default 1m) reads of N (default 64) addresses\n"
	"               STRIDE bytes apart (default: the page size) in pages of\n"
	"               -P 4k (default) or 2m: loop goes through them in order,\n"
	"               chase in a random cycle, random picks any each time\n"
	"  -w FILE      write the trace in binary instead of replaying it\n"
	"  -c           show each reference: hit, or miss and the entry evicted\n"
	"  -s SEED      seeds random and -g; alone, makes up a problem\n"
	"Example: tlb -e 64 -a 4 -g chase -n 128 -R 1m    (LRU: no hit at all)\n";

/* The trace's records. */
enum {
	OP_READ,
	OP_WRITE,
	OP_SWITCH,
	OP_INVLPG,
	OP_FLUSH,
	OP_FLUSHALL,
	NR_OPS
};
#define REC_OP UINT64_C(0x7)
#define REC_PSE (UINT64_C(1) << 7)
#define REC_GLOBAL (UINT64_C(1) << 8)
#define REC_RESERVED (UINT64_C(0xfff) & ~(REC_OP | REC_PSE | REC_GLOBAL))
#define REC_SIZE 8
static const char trace_magic[REC_SIZE + 1] = "\177TLB v1\n";
static const char *const op_name[NR_OPS] = { "r",      "w",	"switch",
					     "invlpg", "flush", "flushall" };

/*
 * An entry's tag, in one word: the page number at its size, the size, and
 * the PCID or, for a global page, a bit that no PCID has.  A canonical
 * address has 8 copies of its sign at the top, so the page number loses
 * nothing to the shift.
 */
#define KEY_GLOBAL (UINT64_C(1) << 12)
#define KEY_2M (UINT64_C(1) << 13)
#define KEY_VPN_SHIFT 14
#define KEY_NONE UINT64_MAX /* an empty entry: global with a PCID, impossible */

struct tlb_entry {
	_Alignas(32) uint64_t key; /* 32 bytes: entry - base is a shift */
	int32_t hnext; /* the next entry in the same hash bucket, or -1 */
	int32_t prev, next; /* the set's list, most recently filled first */
	bool referenced; /* for clock */
};

/* A set's entries are linked, newest at the head; the empty ones at the tail. */
struct tlb_set {
	int32_t head, tail;
	unsigned int hand; /* for clock: the way it looks at next */
};

struct tlb;

/*
 * A replacement policy: what a hit does (NULL: nothing), what filling an
 * entry does besides putting it at the head of its set's list (NULL:
 * nothing), and which entry of a full set to evict (NULL: the tail of the
 * list, the least recently filled, or used if hits move entries to the
 * head).  A policy this build lacks says why in missing.
 */
struct tlb_policy {
	const char *name;
	const char *missing;
	void (*hit)(struct tlb *tlb, struct tlb_set *set, struct tlb_entry *e);
	void (*fill)(struct tlb *tlb, struct tlb_set *set, struct tlb_entry *e);
	struct tlb_entry *(*victim)(struct tlb *tlb, struct tlb_set *set);
};

static struct tlb {
	unsigned int entries, ways, sets;
	const struct tlb_policy *policy;
	bool flush_on_switch;
	struct tlb_entry *entry; /* set s, way w: entry[s * ways + w] */
	struct tlb_set *set;
	/* The valid entries by key, 8 buckets an entry: most chains are 0 or 1
	 * long, which keeps the lookup fast whatever the associativity. */
	int32_t *bucket;
	int hash_shift;
	struct rng rng;
	unsigned int pcid; /* the current one */
	struct tlb_entry *last; /* the entry the last access hit or filled */
	uint64_t evicted; /* the key the last miss evicted, or KEY_NONE */
	uint64_t refs, misses_4k, misses_2m, flushes, invlpgs, switches;
} tlb;

static struct tlb_entry *tlb_way(struct tlb *t, struct tlb_set *set,
				 unsigned int way)
{
	return &t->entry[(set - t->set) * t->ways + way];
}

static int32_t entry_index(struct tlb *t, struct tlb_entry *e)
{
	return (int32_t)(e - t->entry);
}

/* @region list */
static void list_del(struct tlb *t, struct tlb_set *set, struct tlb_entry *e)
{
	if (e->prev >= 0)
		t->entry[e->prev].next = e->next;
	else
		set->head = e->next;
	if (e->next >= 0)
		t->entry[e->next].prev = e->prev;
	else
		set->tail = e->prev;
}

static void list_add(struct tlb *t, struct tlb_set *set, struct tlb_entry *e)
{
	int32_t i = entry_index(t, e);

	e->prev = -1;
	e->next = set->head;
	if (set->head >= 0)
		t->entry[set->head].prev = i;
	else
		set->tail = i;
	set->head = i;
}

static void list_add_tail(struct tlb *t, struct tlb_set *set,
			  struct tlb_entry *e)
{
	int32_t i = entry_index(t, e);

	e->next = -1;
	e->prev = set->tail;
	if (set->tail >= 0)
		t->entry[set->tail].next = i;
	else
		set->head = i;
	set->tail = i;
}
/* @end list */

static void lru_hit(struct tlb *t, struct tlb_set *set, struct tlb_entry *e)
{
	if (set->head != entry_index(t, e)) {
		list_del(t, set, e);
		list_add(t, set, e);
	}
}

static struct tlb_entry *random_victim(struct tlb *t, struct tlb_set *set)
{
	return tlb_way(t, set,
		       (unsigned int)rng_range(&t->rng, 0, t->ways - 1));
}

static const struct tlb_policy lru_policy = { .name = "lru", .hit = lru_hit };
static const struct tlb_policy fifo_policy = { .name = "fifo" };
static const struct tlb_policy random_policy = { .name = "random",
						 .victim = random_victim };

#include <tlb-clock.h>

#define NR_POLICIES 4
static const struct tlb_policy *const policies[NR_POLICIES] = {
	&lru_policy, &fifo_policy, &random_policy, &clock_policy
};

static uint64_t make_key(uint64_t addr, bool huge, bool global,
			 unsigned int pcid)
{
	uint64_t vpn = addr >> (huge ? PMD_SHIFT : PAGE_SHIFT);

	return vpn << KEY_VPN_SHIFT | (huge ? KEY_2M : 0) |
	       (global ? KEY_GLOBAL : pcid);
}

static uint64_t key_page(uint64_t key)
{
	/* the arithmetic shift puts the sign of the address back */
	return (uint64_t)((int64_t)key >> KEY_VPN_SHIFT)
	       << (key & KEY_2M ? PMD_SHIFT : PAGE_SHIFT);
}

static struct tlb_set *key_set(struct tlb *t, uint64_t key)
{
	return &t->set[(key >> KEY_VPN_SHIFT) & (t->sets - 1)];
}

static int32_t *key_bucket(struct tlb *t, uint64_t key)
{
	return &t->bucket[(key * UINT64_C(0x9e3779b97f4a7c15)) >> t->hash_shift];
}

static void tlb_init(struct tlb *t)
{
	unsigned int buckets = 2;

	t->entry = aligned_alloc(_Alignof(struct tlb_entry),
				 t->entries * sizeof(*t->entry));
	t->set = calloc(t->sets, sizeof(*t->set));
	for (t->hash_shift = 63; buckets < 8 * t->entries; buckets *= 2)
		t->hash_shift--;
	t->bucket = malloc(buckets * sizeof(*t->bucket));
	if (!t->entry || !t->set || !t->bucket)
		die("out of memory for %u entries", t->entries);
	for (unsigned int i = 0; i < buckets; i++)
		t->bucket[i] = -1;
	for (unsigned int s = 0; s < t->sets; s++) {
		t->set[s].head = t->set[s].tail = -1;
		for (unsigned int w = 0; w < t->ways; w++) {
			struct tlb_entry *e = tlb_way(t, &t->set[s], w);

			e->key = KEY_NONE;
			list_add(t, &t->set[s], e); /* way 0 is filled first */
		}
	}
	t->evicted = KEY_NONE;
}

static void hash_del(struct tlb *t, struct tlb_entry *e)
{
	int32_t *p = key_bucket(t, e->key), i = entry_index(t, e);

	while (*p != i)
		p = &t->entry[*p].hnext;
	*p = e->hnext;
}

/* An emptied entry goes to the tail, where the set's next miss takes it. */
static void tlb_invalidate(struct tlb *t, struct tlb_entry *e)
{
	struct tlb_set *set = key_set(t, e->key);

	hash_del(t, e);
	e->key = KEY_NONE;
	list_del(t, set, e);
	list_add_tail(t, set, e);
}

/* @region access */
/* Looks the page up and fills an entry on a miss: true on a hit. */
static bool tlb_access(struct tlb *t, uint64_t key)
{
	struct tlb_set *set = key_set(t, key);
	int32_t *bucket = key_bucket(t, key);
	struct tlb_entry *e;

	for (int32_t i = *bucket; i >= 0; i = t->entry[i].hnext) {
		e = &t->entry[i];
		if (e->key == key) {
			if (t->policy->hit)
				t->policy->hit(t, set, e);
			t->last = e;
			return true;
		}
	}
	/* A miss: the page walk finds the PTE, which goes in the set. */
	e = &t->entry[set->tail];
	if (e->key != KEY_NONE && t->policy->victim)
		e = t->policy->victim(t, set);
	t->evicted = e->key;
	if (e->key != KEY_NONE)
		hash_del(t, e);
	e->key = key;
	e->hnext = *bucket;
	*bucket = entry_index(t, e);
	list_del(t, set, e);
	list_add(t, set, e);
	if (t->policy->fill)
		t->policy->fill(t, set, e);
	t->last = e;
	return false;
}
/* @end access */

/* Drops the entries that match; returns how many. */
static unsigned int tlb_flush(struct tlb *t, bool global_too)
{
	unsigned int n = 0;

	/* backwards: emptied ways then fill from way 0, as at the start */
	for (unsigned int i = t->entries; i-- > 0;) {
		struct tlb_entry *e = &t->entry[i];

		if (e->key != KEY_NONE &&
		    (global_too || !(e->key & KEY_GLOBAL))) {
			tlb_invalidate(t, e);
			n++;
		}
	}
	t->flushes++;
	return n;
}

/* INVLPG: the 4 KiB and 2 MiB entries that map addr, this PCID's and global. */
static unsigned int tlb_invlpg(struct tlb *t, uint64_t addr)
{
	unsigned int n = 0;

	for (int k = 0; k < 4; k++) {
		uint64_t key = make_key(addr, k & 1, k & 2, t->pcid);

		for (int32_t i = *key_bucket(t, key); i >= 0;
		     i = t->entry[i].hnext) {
			if (t->entry[i].key == key) {
				tlb_invalidate(t, &t->entry[i]);
				n++;
				break;
			}
		}
	}
	t->invlpgs++;
	return n;
}

static inline uint64_t get_le64(const unsigned char *p)
{
	return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 |
	       (uint64_t)p[3] << 24 | (uint64_t)p[4] << 32 |
	       (uint64_t)p[5] << 40 | (uint64_t)p[6] << 48 |
	       (uint64_t)p[7] << 56;
}

static void put_le64(unsigned char *p, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

static bool canonical(uint64_t addr)
{
	/* bits 63-56 all equal: adding 1 to the top byte leaves 0 or 1 */
	return (uint64_t)(((int64_t)addr >> 56) + 1) <= 1;
}

static void print_key(uint64_t key)
{
	printf("0x%" PRIx64 "%s", key_page(key), key & KEY_2M ? " 2m" : "");
	if (key & KEY_GLOBAL)
		printf(" g");
	else
		printf(" pcid %u", (unsigned int)(key & MAX_PCID));
}

/* -c: one line for an operation, before what it did */
static void show_op(uint64_t n, uint64_t rec)
{
	char text[64];
	int op = rec & REC_OP;
	uint64_t addr = rec & ~UINT64_C(0xfff);

	if (op == OP_READ || op == OP_WRITE)
		snprintf(text, sizeof(text), "%s 0x%" PRIx64 "%s%s",
			 op_name[op], addr, rec & REC_PSE ? " 2m" : "",
			 rec & REC_GLOBAL ? " g" : "");
	else if (op == OP_SWITCH)
		snprintf(text, sizeof(text), "switch %" PRIu64, addr >> 12);
	else if (op == OP_INVLPG)
		snprintf(text, sizeof(text), "invlpg 0x%" PRIx64, addr);
	else
		snprintf(text, sizeof(text), "%s", op_name[op]);
	printf("%6" PRIu64 "  %-28s", n, text);
}

/* -c: a reference, its set and way, and what it did */
static void show_access(struct tlb *t, uint64_t n, uint64_t rec, uint64_t key,
			bool hit)
{
	show_op(n, rec);
	if (t->sets > 1)
		printf("  set %-4u", (unsigned int)(key_set(t, key) - t->set));
	if (t->ways > 1)
		printf("  way %-3u",
		       (unsigned int)(entry_index(t, t->last) % t->ways));
	printf("  %s", hit ? "hit" : "miss");
	if (!hit && t->evicted != KEY_NONE) {
		printf(", evicts ");
		print_key(t->evicted);
	}
	putchar('\n');
}

static noreturn void bad_record(uint64_t n, uint64_t rec, const char *why)
{
	usage_error("record %" PRIu64 " (0x%016" PRIx64 "): %s", n, rec, why);
}

/* Checks a record; returns its operation. */
static inline int check_record(uint64_t n, uint64_t rec)
{
	int op = rec & REC_OP;

	if (op >= NR_OPS)
		bad_record(n, rec, "unknown operation");
	if (rec & REC_RESERVED)
		bad_record(n, rec, "reserved bits set");
	if ((op > OP_WRITE && (rec & (REC_PSE | REC_GLOBAL))) ||
	    (op >= OP_FLUSH && rec >> 12))
		bad_record(n, rec,
			   "flags or an address on an operation without");
	if (op == OP_SWITCH && rec >> 12 > MAX_PCID)
		bad_record(n, rec, "PCID above 4095");
	if (!canonical(rec))
		bad_record(n, rec, "not a canonical address");
	return op;
}

/* @region replay */
/* Runs n records; first is the number of the first, for messages. */
static void replay(struct tlb *t, const unsigned char *p, size_t n,
		   uint64_t first, bool show)
{
	for (size_t i = 0; i < n; i++, p += REC_SIZE) {
		uint64_t rec = get_le64(p), key;
		unsigned int gone;
		bool hit;

		switch (check_record(first + i, rec)) {
		case OP_READ:
		case OP_WRITE:
			key = make_key(rec, rec & REC_PSE, rec & REC_GLOBAL,
				       t->pcid);
			hit = tlb_access(t, key);
			t->refs++;
			if (!hit && (key & KEY_2M))
				t->misses_2m++;
			else if (!hit)
				t->misses_4k++;
			if (show)
				show_access(t, first + i, rec, key, hit);
			continue;
		case OP_SWITCH:
			t->pcid = (unsigned int)(rec >> 12);
			t->switches++;
			gone = t->flush_on_switch ? tlb_flush(t, false) : 0;
			break;
		case OP_INVLPG:
			gone = tlb_invlpg(t, rec & ~UINT64_C(0xfff));
			break;
		default:
			gone = tlb_flush(t, (rec & REC_OP) == OP_FLUSHALL);
			break;
		}
		if (show) {
			show_op(first + i, rec);
			printf("  drops %u entr%s\n", gone,
			       gone == 1 ? "y" : "ies");
		}
	}
}
/* @end replay */

static uint64_t hits(const struct tlb *t)
{
	return t->refs - t->misses_4k - t->misses_2m;
}

static void describe(const struct tlb *t)
{
	printf("TLB: %u entries, ", t->entries);
	if (t->ways == 1)
		printf("direct-mapped");
	else if (t->sets == 1)
		printf("fully associative");
	else
		printf("%u-way set associative (%u sets)", t->ways, t->sets);
	printf(", %s, %s\n", t->policy->name,
	       t->flush_on_switch ? "flushed on switch" : "PCID-tagged");
}

static double lat_tlb = 1, lat_mem = 100;
static unsigned int levels = 4;

/* @region eat */
static void report(const struct tlb *t)
{
	double hit_cost = lat_tlb + lat_mem,
	       walk_4k = lat_tlb + levels * lat_mem + lat_mem,
	       walk_2m = walk_4k - lat_mem;

	printf("references  %12" PRIu64 "\n", t->refs);
	printf("hits        %12" PRIu64 "\n", hits(t));
	printf("misses      %12" PRIu64 "\n", t->misses_4k + t->misses_2m);
	printf("switches    %12" PRIu64 "\n", t->switches);
	printf("flushes     %12" PRIu64 "\n", t->flushes);
	printf("invlpg      %12" PRIu64 "\n", t->invlpgs);
	if (!t->refs) {
		printf("hit rate    %12s\nEAT         %12s\n", "-", "-");
		return;
	}
	printf("hit rate    %11.3f%%\n", 100.0 * hits(t) / t->refs);
	printf("EAT         %12.3f ns  (TLB %g ns, memory %g ns, %u-level walk)\n",
	       (hits(t) * hit_cost + t->misses_4k * walk_4k +
		t->misses_2m * walk_2m) /
		       t->refs,
	       lat_tlb, lat_mem, levels);
}
/* @end eat */

/* ---- traces ---------------------------------------------------------- */

/* A growing array of encoded records. */
static struct {
	unsigned char *data;
	size_t len, cap;
} rec_buf;

static void rec_push(uint64_t rec)
{
	if (rec_buf.len + REC_SIZE > rec_buf.cap) {
		rec_buf.cap = rec_buf.cap ? 2 * rec_buf.cap : 1 << 12;
		rec_buf.data = realloc(rec_buf.data, rec_buf.cap);
		if (!rec_buf.data)
			die("out of memory for the trace");
	}
	put_le64(rec_buf.data + rec_buf.len, rec);
	rec_buf.len += REC_SIZE;
}

static uint64_t script_addr(const struct script *s, const char *word)
{
	uint64_t addr;

	if (!parse_size(word, &addr))
		script_error(s, "bad address '%s'", word);
	if (!canonical(addr))
		script_error(s, "0x%" PRIx64 " is not a canonical address",
			     addr);
	return addr & ~(PAGE_SIZE - 1);
}

/* A text trace, turned into records. */
static void parse_text(FILE *fp, const char *name)
{
	struct script s;

	script_init(&s, fp, name);
	while (script_next(&s)) {
		int op = 0, max_words = 2;
		uint64_t rec = 0, v;

		while (op < NR_OPS && strcmp(s.argv[0], op_name[op]))
			op++;
		switch (op) {
		case OP_READ:
		case OP_WRITE:
			if (s.argc < 2)
				script_error(&s, "%s: give an address",
					     s.argv[0]);
			rec = script_addr(&s, s.argv[1]);
			for (int i = 2; i < s.argc; i++) {
				uint64_t flag =
					!strcmp(s.argv[i], "2m") ? REC_PSE :
					!strcmp(s.argv[i], "g")	 ? REC_GLOBAL :
								   0;
				if (!flag && strcmp(s.argv[i], "4k"))
					script_error(
						&s,
						"'%s': a page is 4k or 2m, and g (global)",
						s.argv[i]);
				rec |= flag;
			}
			max_words = s.argc;
			break;
		case OP_SWITCH:
			if (s.argc < 2 || !parse_size(s.argv[1], &v) ||
			    v > MAX_PCID)
				script_error(
					&s,
					"switch: give a PCID from 0 to 4095");
			rec = v << 12;
			break;
		case OP_INVLPG:
			if (s.argc < 2)
				script_error(&s, "invlpg: give an address");
			rec = script_addr(&s, s.argv[1]);
			break;
		case NR_OPS:
			script_error(&s, "unknown operation '%s'", s.argv[0]);
		default:
			max_words = 1;
		}
		if (s.argc > max_words)
			script_error(&s, "%s: unexpected '%s'", s.argv[0],
				     s.argv[max_words]);
		rec_push(rec | (uint64_t)op);
	}
}

/*
 * The whole input in memory: a regular file mapped, anything else read.
 * Either way it is checked before anything is printed.
 */
static const unsigned char *load(const char *path, size_t *len)
{
	int fd = strcmp(path, "-") ? open(path, O_RDONLY) : STDIN_FILENO;
	unsigned char *buf = NULL;
	size_t cap = 0;
	struct stat st;
	ssize_t got;

	if (fd < 0)
		usage_error("cannot open %s: %s", path, strerror(errno));
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
		void *p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE,
			       fd, 0);

		if (p == MAP_FAILED)
			die("cannot map %s: %s", path, strerror(errno));
		close(fd);
		*len = (size_t)st.st_size;
		return p;
	}
	*len = 0;
	do {
		if (*len == cap) {
			cap = cap ? 2 * cap : 1 << 16;
			buf = realloc(buf, cap);
			if (!buf)
				die("out of memory reading %s", path);
		}
		got = read(fd, buf + *len, cap - *len);
		if (got < 0)
			usage_error("cannot read %s: %s", path,
				    strerror(errno));
		*len += (size_t)got;
	} while (got > 0);
	if (fd != STDIN_FILENO)
		close(fd);
	return buf;
}

/* The records of a trace file, text or binary. */
static const unsigned char *trace_records(const char *path, size_t *n)
{
	size_t len;
	const unsigned char *data = load(path, &len);

	if (len >= REC_SIZE && !memcmp(data, trace_magic, REC_SIZE)) {
		if (len % REC_SIZE)
			usage_error(
				"%s: truncated record at byte %zu: a binary trace is whole 8-byte records",
				path, len - len % REC_SIZE);
		*n = len / REC_SIZE - 1;
		return data + REC_SIZE;
	}
	if (len) {
		FILE *fp = fmemopen((void *)data, len, "r");

		if (!fp)
			die("fmemopen: %s", strerror(errno));
		parse_text(fp, strcmp(path, "-") ? path : "stdin");
		fclose(fp);
	}
	*n = rec_buf.len / REC_SIZE;
	return rec_buf.data;
}

/* ---- patterns -------------------------------------------------------- */

enum {
	GEN_LOOP,
	GEN_CHASE,
	GEN_RANDOM
};
static const char *const gen_name[] = { "loop", "chase", "random" };

/* User space, 1 GiB-aligned, where the made-up addresses start. */
#define GEN_BASE UINT64_C(0x7f0000000000)
#define GEN_MAX_N (UINT64_C(1) << 26)
#define GEN_MAX_SPAN (UINT64_C(1) << 46)

static struct gen {
	int pattern;
	uint64_t n, stride, refs;
	bool huge;
	uint64_t *next; /* chase: the address after each */
	uint64_t at; /* the current address's index */
	struct rng rng;
} gen = { .n = 64, .refs = 1 << 20 };

static void gen_init(struct gen *g, uint64_t seed)
{
	rng_seed(&g->rng, seed);
	if (g->pattern != GEN_CHASE)
		return;
	/* Sattolo's shuffle: a random permutation that is one single cycle */
	g->next = malloc(g->n * sizeof(*g->next));
	if (!g->next)
		die("out of memory for %" PRIu64 " addresses", g->n);
	for (uint64_t i = 0; i < g->n; i++)
		g->next[i] = i;
	for (uint64_t i = g->n - 1; i > 0; i--) {
		uint64_t j = rng_range(&g->rng, 0, i - 1), tmp = g->next[i];

		g->next[i] = g->next[j];
		g->next[j] = tmp;
	}
}

static uint64_t gen_record(struct gen *g)
{
	switch (g->pattern) {
	case GEN_LOOP:
		g->at = g->at + 1 == g->n ? 0 : g->at + 1;
		break;
	case GEN_CHASE:
		g->at = g->next[g->at];
		break;
	default:
		g->at = rng_range(&g->rng, 0, g->n - 1);
	}
	return ((GEN_BASE + g->at * g->stride) & ~(PAGE_SIZE - 1)) |
	       (g->huge ? REC_PSE : 0) | OP_READ;
}

/* Made-up records, a buffer at a time: replayed, or written to out. */
static void gen_run(struct gen *g, struct tlb *t, FILE *out, bool show)
{
	static unsigned char buf[REC_SIZE << 14];
	uint64_t done = 0;

	while (done < g->refs) {
		size_t n = g->refs - done < sizeof(buf) / REC_SIZE ?
				   (size_t)(g->refs - done) :
				   sizeof(buf) / REC_SIZE;

		for (size_t i = 0; i < n; i++)
			put_le64(buf + i * REC_SIZE, gen_record(g));
		if (out) {
			if (fwrite(buf, REC_SIZE, n, out) != n)
				die("cannot write the trace: %s",
				    strerror(errno));
		} else {
			replay(t, buf, n, done + 1, show);
		}
		done += n;
	}
}

/* ---- problems -------------------------------------------------------- */

/* -s SEED alone: a small TLB and a dozen references, to work out by hand. */
static void problem(uint64_t seed, bool answers)
{
	static const unsigned int ways[] = { 1, 2, 4 };
	uint64_t page[6], offset[14];
	unsigned int pcid = 0;
	struct rng rng;
	int n;

	rng_seed(&rng, seed);
	tlb.entries = 4;
	tlb.ways = ways[rng_range(&rng, 0, 2)];
	tlb.sets = tlb.entries / tlb.ways;
	tlb.policy = policies[rng_range(&rng, 0, 1)];
	tlb.flush_on_switch = rng_range(&rng, 0, 1);
	for (int i = 0; i < 6; i++)
		page[i] = 0x400000 + (rng_range(&rng, 0, 15) << PAGE_SHIFT);
	n = (int)rng_range(&rng, 10, 14);
	for (int i = 0; i < n; i++) {
		uint64_t r = rng_range(&rng, 0, 19);

		if (r == 0 && i > 0) {
			pcid = pcid ? 0 : (unsigned int)rng_range(&rng, 1, 9);
			rec_push((uint64_t)pcid << 12 | OP_SWITCH);
		} else {
			/* a page used lately, more often than not */
			uint64_t p = page[r < 12 ? r % 3 : r % 6];

			offset[rec_buf.len / REC_SIZE] =
				rng_range(&rng, 0, 0xff) << 4;
			rec_push(p | (r & 1 ? OP_WRITE : OP_READ));
		}
	}
	printf("# tlb -s %" PRIu64 ": ", seed);
	describe(&tlb);
	printf("# Which references hit, and which entry does each miss evict?\n"
	       "# Replay: tlb -e %u -a %u -p %s -t %s -c -f FILE\n",
	       tlb.entries, tlb.ways, tlb.policy->name,
	       tlb.flush_on_switch ? "flush" : "pcid");
	for (size_t i = 0; i < rec_buf.len; i += REC_SIZE) {
		uint64_t rec = get_le64(rec_buf.data + i);
		int op = rec & REC_OP;

		if (op == OP_SWITCH)
			printf("switch %" PRIu64 "\n", rec >> 12);
		else
			printf("%s 0x%" PRIx64 "\n", op_name[op],
			       (rec & ~REC_OP) + offset[i / REC_SIZE]);
	}
	if (!answers)
		return;
	printf("\nAnswer:\n");
	tlb_init(&tlb);
	describe(&tlb);
	replay(&tlb, rec_buf.data, rec_buf.len / REC_SIZE, 1, true);
	report(&tlb);
}

/* ---- the command line ------------------------------------------------ */

static uint64_t size_arg(int opt, const char *s)
{
	uint64_t v;

	if (!parse_size(s, &v))
		usage_error("-%c %s: not a number (try 64, 0x40, 4k or 1m)",
			    opt, s);
	return v;
}

static double ns_arg(int opt, const char *s)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (!*s || *end || errno || !isfinite(v) || v < 0)
		usage_error("-%c %s: give a latency in ns, such as 0.5 or 100",
			    opt, s);
	return v;
}

static int name_arg(int opt, const char *s, const char *const *names, int count)
{
	for (int i = 0; i < count; i++)
		if (!strcmp(s, names[i]))
			return i;
	usage_error("-%c %s: unknown (try -h)", opt, s);
}

int main(int argc, char **argv)
{
	static const char *const tags[] = { "pcid", "flush" };
	static const char *const sizes[] = { "4k", "2m" };
	static const struct sim_opts opts = {
		.help = help,
		.letters = "e:a:p:t:T:M:l:f:g:n:S:P:R:w:cs:"
	};
	struct sim_args args = { 0 };
	const char *out = NULL;
	const char *policy_names[NR_POLICIES];
	const unsigned char *recs = NULL;
	size_t nr_recs = 0;
	bool generate = false, configured = false, gen_opts = false,
	     full = false;
	uint64_t v, ways = 4, entries = 64, stride = 0;
	int c;

	for (int i = 0; i < NR_POLICIES; i++)
		policy_names[i] = policies[i]->name;
	tlb.policy = policies[0];
	while ((c = sim_getopt(argc, argv, &opts, &args)) != -1) {
		configured = true; /* -s alone asks for a problem */
		gen_opts |= strchr("nSPR", c) != NULL;
		switch (c) {
		case 'e':
			entries = size_arg(c, optarg);
			break;
		case 'a':
			full = !strcmp(optarg, "full");
			if (!full)
				ways = size_arg(c, optarg);
			break;
		case 'p':
			tlb.policy = policies[name_arg(c, optarg, policy_names,
						       NR_POLICIES)];
			if (tlb.policy->missing)
				usage_error("-p %s: %s", optarg,
					    tlb.policy->missing);
			break;
		case 't':
			tlb.flush_on_switch = name_arg(c, optarg, tags, 2);
			break;
		case 'T':
			lat_tlb = ns_arg(c, optarg);
			break;
		case 'M':
			lat_mem = ns_arg(c, optarg);
			break;
		case 'l':
			v = size_arg(c, optarg);
			if (v < 2 || v > 5)
				usage_error(
					"-l %s: x86 walks 2 (i386), 3 (PAE), 4 or 5 levels",
					optarg);
			levels = (unsigned int)v;
			break;
		case 'g':
			gen.pattern = name_arg(c, optarg, gen_name, 3);
			generate = true;
			break;
		case 'n':
			gen.n = size_arg(c, optarg);
			break;
		case 'S':
			stride = size_arg(c, optarg);
			break;
		case 'P':
			gen.huge = name_arg(c, optarg, sizes, 2);
			break;
		case 'R':
			gen.refs = size_arg(c, optarg);
			break;
		case 'w':
			out = optarg;
			break;
		}
	}
	if (args.seeded && !configured && !args.file) {
		problem(args.seed, args.answers);
		return 0;
	}
	if (!args.file == !generate)
		usage_error(
			"give a trace (-f FILE) or a pattern (-g), or -s SEED alone for a problem");
	if (gen_opts && !generate)
		usage_error("-n, -S, -P and -R describe the pattern of -g");
	if (entries == 0 || entries > 1 << 20)
		usage_error("-e %" PRIu64 ": give 1 to 1m entries", entries);
	if (full)
		ways = entries;
	if (ways == 0 || ways > entries || entries % ways)
		usage_error("-a %" PRIu64 ": the ways must divide the %" PRIu64
			    " entries",
			    ways, entries);
	tlb.entries = (unsigned int)entries;
	tlb.ways = (unsigned int)ways;
	tlb.sets = tlb.entries / tlb.ways;
	if (tlb.sets & (tlb.sets - 1))
		usage_error(
			"-e %u -a %u: %u sets; the set is picked by bits of "
			"the page number, so it takes a power of two",
			tlb.entries, tlb.ways, tlb.sets);
	if (generate) {
		gen.stride = stride ? stride : gen.huge ? PMD_SIZE : PAGE_SIZE;
		if (gen.n == 0 || gen.n > GEN_MAX_N)
			usage_error("-n %" PRIu64 ": give 1 to 64m addresses",
				    gen.n);
		if (gen.stride > GEN_MAX_SPAN / gen.n)
			usage_error("-n %" PRIu64 " -S %" PRIu64
				    ": they span more than 64 TiB",
				    gen.n, gen.stride);
		gen_init(&gen, args.seed);
	}
	/* not the stream of -g: evictions would follow the addresses */
	rng_seed(&tlb.rng, ~args.seed);
	if (args.file) {
		recs = trace_records(args.file, &nr_recs);
		/* -c and -w must not start on a trace with a bad record */
		for (size_t i = 0; (args.answers || out) && i < nr_recs; i++)
			check_record(i + 1, get_le64(recs + i * REC_SIZE));
	}
	if (out) {
		FILE *fp = fopen(out, "wb");

		if (!fp)
			usage_error("cannot create %s: %s", out,
				    strerror(errno));
		fwrite(trace_magic, 1, REC_SIZE, fp);
		if (generate)
			gen_run(&gen, NULL, fp, false);
		else
			fwrite(recs, REC_SIZE, nr_recs, fp);
		if (ferror(fp) | fclose(fp))
			die("cannot write %s: %s", out, strerror(errno));
		return 0;
	}
	tlb_init(&tlb);
	describe(&tlb);
	if (generate)
		gen_run(&gen, &tlb, NULL, args.answers);
	else
		replay(&tlb, recs, nr_recs, 1, args.answers);
	report(&tlb);
	return 0;
}
