// SPDX-License-Identifier: GPL-2.0
/*
 * pages.c - the page allocator, one block at a time.
 *
 *   /sys/kernel/debug/pages/ctl   write "alloc ORDER [kernel|highuser|dma|dma32]",
 *                                 "free ID" or "free all"
 *   /sys/kernel/debug/pages/held  the blocks this module holds: id, order,
 *                                 first pfn, physical address, zone, and the
 *                                 kernel virtual address (- when the block
 *                                 has none: highmem)
 *   /sys/kernel/debug/pages/last  the zone of the last allocation and its
 *                                 Unmovable free blocks per order, counted
 *                                 just before and just after it
 *
 * Everything still held is freed when the module is unloaded.
 */
#include <linux/module.h>
#include <linux/debugfs.h>
#include <linux/seq_file.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/mmzone.h>
#include <linux/nodemask.h>
#include "cmd.h"

/* Enough blocks to watch /proc/buddyinfo move; a bound so no one can pin all of RAM. */
#define PAGES_MAX_HELD 64

struct held {
	struct page *page;
	unsigned int order;
	const char *gfp;
};

static DEFINE_MUTEX(pages_lock);
static struct held held[PAGES_MAX_HELD];
static struct dentry *pages_dir;

/*
 * The free blocks of MIGRATE_UNMOVABLE (where GFP_KERNEL allocations come
 * from) per order and zone.  Counted here, around the allocation and
 * nothing else, because reading /proc/pagetypeinfo from user space costs
 * allocations of its own, which refill the per-CPU lists from the buddy
 * lists and blur the picture.
 */
static unsigned long before[MAX_NR_ZONES][MAX_ORDER];
static unsigned long after[MAX_NR_ZONES][MAX_ORDER];
static struct zone *last_zone;
static unsigned int last_order;

/* @region count */
static void count_unmovable(unsigned long (*nr)[MAX_ORDER])
{
	pg_data_t *pgdat = NODE_DATA(first_online_node);
	unsigned int order;
	unsigned long flags;
	struct list_head *pos;
	struct zone *zone;
	int z;

	for (z = 0; z < MAX_NR_ZONES; z++) {
		zone = &pgdat->node_zones[z];
		if (!populated_zone(zone))
			continue;
		spin_lock_irqsave(&zone->lock, flags);
		for (order = 0; order < MAX_ORDER; order++) {
			nr[z][order] = 0;
			list_for_each(pos, &zone->free_area[order].free_list[MIGRATE_UNMOVABLE])
				nr[z][order]++;
		}
		spin_unlock_irqrestore(&zone->lock, flags);
	}
}
/* @end count */

static const struct {
	const char *name;
	gfp_t gfp;
} gfp_names[] = {
	{ "kernel", GFP_KERNEL },
	{ "highuser", GFP_HIGHUSER },
	{ "dma", GFP_KERNEL | GFP_DMA },
#ifdef CONFIG_ZONE_DMA32
	{ "dma32", GFP_KERNEL | GFP_DMA32 },
#endif
};

/* @region alloc */
static int pages_alloc(unsigned int order, const char *name)
{
	struct page *page;
	gfp_t gfp = 0;
	unsigned int i;
	int id;

	if (order >= MAX_ORDER)
		return -EINVAL;
	for (i = 0; i < ARRAY_SIZE(gfp_names); i++)
		if (!strcmp(name, gfp_names[i].name))
			break;
	if (i == ARRAY_SIZE(gfp_names))
		return -EINVAL;
	gfp = gfp_names[i].gfp;

	for (id = 0; id < PAGES_MAX_HELD && held[id].page; id++)
		;
	if (id == PAGES_MAX_HELD)
		return -ENOSPC;
	count_unmovable(before);
	/* A refusal is this file's answer; it is not worth a warning in the log. */
	page = alloc_pages(gfp | __GFP_NOWARN, order);
	if (!page)
		return -ENOMEM;
	count_unmovable(after);
	last_zone = page_zone(page);
	last_order = order;
	held[id] = (struct held){ page, order, gfp_names[i].name };
	return 0;
}
/* @end alloc */

static void pages_free(int id)
{
	__free_pages(held[id].page, held[id].order);
	held[id].page = NULL;
}

static int pages_cmd(char *cmd)
{
	char name[16] = "kernel";
	unsigned int order;
	int id, n;

	if (sscanf(cmd, "alloc %u %15s%n", &order, name, &n) == 2 ||
	    sscanf(cmd, "alloc %u%n", &order, &n) == 1) {
		if (cmd[n])
			return -EINVAL;
		return pages_alloc(order, name);
	}
	if (!strcmp(cmd, "free all")) {
		for (id = 0; id < PAGES_MAX_HELD; id++)
			if (held[id].page)
				pages_free(id);
		return 0;
	}
	if (sscanf(cmd, "free %d%n", &id, &n) == 1 && !cmd[n]) {
		if (id < 0 || id >= PAGES_MAX_HELD || !held[id].page)
			return -ENOENT;
		pages_free(id);
		return 0;
	}
	return -EINVAL;
}

DEFINE_CMD_FOPS(ctl_fops, pages_lock, pages_cmd);

/* @region held */
static int held_show(struct seq_file *m, void *v)
{
	int id;

	seq_printf(m, "%-3s %-5s %-9s %-8s %-18s %-8s %s\n", "id", "order",
		   "gfp", "pfn", "phys", "zone", "virt");
	mutex_lock(&pages_lock);
	for (id = 0; id < PAGES_MAX_HELD; id++) {
		struct page *page = held[id].page;
		void *virt;

		if (!page)
			continue;
		seq_printf(m, "%-3d %-5u %-9s %#-8lx %#018llx %-8s ", id,
			   held[id].order, held[id].gfp, page_to_pfn(page),
			   (unsigned long long)PFN_PHYS(page_to_pfn(page)),
			   page_zone(page)->name);
		/* A highmem page has no address until someone kmaps it. */
		virt = page_address(page);
		if (virt)
			seq_printf(m, "%#lx\n", (unsigned long)virt);
		else
			seq_puts(m, "-\n");
	}
	mutex_unlock(&pages_lock);
	return 0;
}
/* @end held */
DEFINE_SHOW_ATTRIBUTE(held);

static int last_show(struct seq_file *m, void *v)
{
	unsigned int order;
	int z;

	mutex_lock(&pages_lock);
	if (!last_zone) {
		mutex_unlock(&pages_lock);
		return -ENODATA;
	}
	z = zone_idx(last_zone);
	seq_printf(m, "zone %s order %u\nbefore", last_zone->name, last_order);
	for (order = 0; order < MAX_ORDER; order++)
		seq_printf(m, " %lu", before[z][order]);
	seq_puts(m, "\nafter ");
	for (order = 0; order < MAX_ORDER; order++)
		seq_printf(m, " %lu", after[z][order]);
	seq_putc(m, '\n');
	mutex_unlock(&pages_lock);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(last);

static int __init pages_init(void)
{
	pages_dir = debugfs_create_dir("pages", NULL);
	if (IS_ERR(pages_dir))
		return PTR_ERR(pages_dir);
	debugfs_create_file("ctl", 0200, pages_dir, NULL, &ctl_fops);
	debugfs_create_file("held", 0444, pages_dir, NULL, &held_fops);
	debugfs_create_file("last", 0444, pages_dir, NULL, &last_fops);
	return 0;
}

static void __exit pages_exit(void)
{
	int id;

	debugfs_remove(pages_dir);
	for (id = 0; id < PAGES_MAX_HELD; id++)
		if (held[id].page)
			pages_free(id);
}

module_init(pages_init);
module_exit(pages_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Allocate and free blocks of pages by order and watch where they come from");
