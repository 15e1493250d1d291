// SPDX-License-Identifier: GPL-2.0
/*
 * kmalloc.c - what kmalloc really hands out.
 *
 *   /sys/kernel/debug/kmalloc/ctl     write "sizes FROM TO [STEP]" or
 *                                     "contig SIZE"
 *   /sys/kernel/debug/kmalloc/sizes   for each size of the range: the size
 *                                     asked for, ksize() of what came back
 *                                     (the bucket, or the pages of a large
 *                                     allocation) and kmalloc_size_roundup();
 *                                     "fail" when kmalloc returns NULL
 *   /sys/kernel/debug/kmalloc/contig  one kmalloc(SIZE), page by page: the
 *                                     virtual and physical address of each
 *                                     page it touches
 *
 * Every allocation is made while the file is read and freed before the read
 * returns, so the module holds nothing between reads.
 */
#include <linux/module.h>
#include <linux/debugfs.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/mutex.h>
#include <linux/io.h>
#include "cmd.h"

/* One line per size, 16 bytes or so: 16384 sizes keep a read under 300 KiB. */
#define SIZES_MAX 16384

static DEFINE_MUTEX(kmalloc_lock);
static size_t sizes_from = 1, sizes_to = 1, sizes_step = 1;
static size_t contig_size = PAGE_SIZE;
static struct dentry *kmalloc_dir;

static int kmalloc_cmd(const char *cmd)
{
	unsigned long from, to, step = 1, size;
	int n;

	if (sscanf(cmd, "sizes %lu %lu %lu%n", &from, &to, &step, &n) == 3 ||
	    sscanf(cmd, "sizes %lu %lu%n", &from, &to, &n) == 2) {
		if (cmd[n] || from == 0 || to < from || step == 0 ||
		    (to - from) / step >= SIZES_MAX)
			return -EINVAL;
		sizes_from = from;
		sizes_to = to;
		sizes_step = step;
		return 0;
	}
	if (sscanf(cmd, "contig %lu%n", &size, &n) == 1 && !cmd[n]) {
		/* Beyond KMALLOC_MAX_SIZE kmalloc can only fail: "sizes" shows that. */
		if (size == 0 || size > KMALLOC_MAX_SIZE)
			return -EINVAL;
		contig_size = size;
		return 0;
	}
	return -EINVAL;
}

DEFINE_CMD_FOPS(ctl_fops, kmalloc_lock, kmalloc_cmd);

/* @region sizes */
static int sizes_show(struct seq_file *m, void *v)
{
	size_t i, size;

	mutex_lock(&kmalloc_lock);
	/* Counted, not compared with sizes_to: size += step may wrap around. */
	for (i = 0; i <= (sizes_to - sizes_from) / sizes_step; i++) {
		/* Too big is an answer here, not something to warn about. */
		void *p;

		size = sizes_from + i * sizes_step;
		p = kmalloc(size, GFP_KERNEL | __GFP_NOWARN);

		if (!p) {
			seq_printf(m, "%zu fail\n", size);
			continue;
		}
		seq_printf(m, "%zu %zu %zu\n", size, ksize(p),
			   kmalloc_size_roundup(size));
		kfree(p);
	}
	mutex_unlock(&kmalloc_lock);
	return 0;
}
/* @end sizes */
DEFINE_SHOW_ATTRIBUTE(sizes);

/* @region contig */
static int contig_show(struct seq_file *m, void *v)
{
	unsigned long first, last, addr;
	char *p;

	mutex_lock(&kmalloc_lock);
	p = kmalloc(contig_size, GFP_KERNEL | __GFP_NOWARN);
	if (!p) {
		mutex_unlock(&kmalloc_lock);
		return -ENOMEM;
	}
	seq_printf(m, "kmalloc(%zu) = %#lx, ksize %zu\n", contig_size,
		   (unsigned long)p, ksize(p));
	seq_printf(m, "%-*s %-18s %s\n", 2 + 2 * (int)sizeof(long), "virt",
		   "phys", "phys - previous");
	first = (unsigned long)p & PAGE_MASK;
	last = ((unsigned long)p + contig_size - 1) & PAGE_MASK;
	for (addr = first; addr <= last; addr += PAGE_SIZE) {
		/* kmalloc memory is in the direct map: virt_to_phys() is valid. */
		phys_addr_t phys = virt_to_phys((void *)addr);

		seq_printf(m, "%#0*lx %#018llx", 2 + 2 * (int)sizeof(long), addr,
			   (unsigned long long)phys);
		if (addr != first)
			seq_printf(m, " %#llx", (unsigned long long)
				   (phys - virt_to_phys((void *)(addr - PAGE_SIZE))));
		seq_putc(m, '\n');
	}
	kfree(p);
	mutex_unlock(&kmalloc_lock);
	return 0;
}
/* @end contig */
DEFINE_SHOW_ATTRIBUTE(contig);

static int __init kmalloc_demo_init(void)
{
	kmalloc_dir = debugfs_create_dir("kmalloc", NULL);
	if (IS_ERR(kmalloc_dir))
		return PTR_ERR(kmalloc_dir);
	debugfs_create_file("ctl", 0200, kmalloc_dir, NULL, &ctl_fops);
	debugfs_create_file("sizes", 0444, kmalloc_dir, NULL, &sizes_fops);
	debugfs_create_file("contig", 0444, kmalloc_dir, NULL, &contig_fops);
	return 0;
}

static void __exit kmalloc_demo_exit(void)
{
	debugfs_remove(kmalloc_dir);
}

module_init(kmalloc_demo_init);
module_exit(kmalloc_demo_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Show kmalloc's buckets, its large path and its physical contiguity");
