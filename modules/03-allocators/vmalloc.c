// SPDX-License-Identifier: GPL-2.0
/*
 * vmalloc.c - one vmalloc() area, page by page.
 *
 *   /sys/kernel/debug/vmalloc/ctl    write "alloc SIZE" (16k, 1m, ... as the
 *                                    kernel's memparse() reads them) or "free"
 *   /sys/kernel/debug/vmalloc/pages  the area: its address, then for every
 *                                    page its virtual address, the pfn behind
 *                                    it and whether that pfn follows the
 *                                    previous page's
 *
 * The area also appears in /proc/vmallocinfo, with one guard page more
 * than was asked for.
 */
#include <linux/module.h>
#include <linux/debugfs.h>
#include <linux/seq_file.h>
#include <linux/vmalloc.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include "cmd.h"

/* Large enough to see the pages scatter; small enough for a 256 MiB VM. */
#define VMALLOC_DEMO_MAX (64UL << 20)

static DEFINE_MUTEX(vmalloc_lock);
static void *area;
static unsigned long area_size;
static struct dentry *vmalloc_dir;

/* @region alloc */
static int vmalloc_demo_alloc(unsigned long size)
{
	void *p;

	if (size == 0 || size > VMALLOC_DEMO_MAX)
		return -EINVAL;
	/* A failure is reported as ENOMEM; it needs no warning in the log. */
	p = __vmalloc(size, GFP_KERNEL | __GFP_NOWARN);
	if (!p)
		return -ENOMEM;
	vfree(area);
	area = p;
	area_size = size;
	return 0;
}
/* @end alloc */

static int vmalloc_cmd(char *cmd)
{
	unsigned long size;
	char *end;

	if (!strcmp(cmd, "free")) {
		vfree(area);
		area = NULL;
		return 0;
	}
	if (strncmp(cmd, "alloc ", 6))
		return -EINVAL;
	size = memparse(cmd + 6, &end);
	if (end == cmd + 6 || *end)
		return -EINVAL;
	return vmalloc_demo_alloc(size);
}

DEFINE_CMD_FOPS(ctl_fops, vmalloc_lock, vmalloc_cmd);

/* @region pages */
static int pages_show(struct seq_file *m, void *v)
{
	unsigned long off, pfn, prev = 0;

	mutex_lock(&vmalloc_lock);
	if (!area) {
		mutex_unlock(&vmalloc_lock);
		return -ENODATA;
	}
	seq_printf(m, "vmalloc(%lu) = %#lx\n", area_size, (unsigned long)area);
	seq_printf(m, "%-5s %-*s %-10s %s\n", "page", 2 + 2 * (int)sizeof(long),
		   "virt", "pfn", "follows");
	for (off = 0; off < area_size; off += PAGE_SIZE) {
		/* Each page was allocated on its own: walk the page tables for it. */
		pfn = page_to_pfn(vmalloc_to_page(area + off));
		seq_printf(m, "%-5lu %#0*lx %#-10lx %s\n", off >> PAGE_SHIFT,
			   2 + 2 * (int)sizeof(long), (unsigned long)area + off, pfn,
			   off == 0 ? "-" : pfn == prev + 1 ? "yes" : "no");
		prev = pfn;
	}
	mutex_unlock(&vmalloc_lock);
	return 0;
}
/* @end pages */
DEFINE_SHOW_ATTRIBUTE(pages);

static int __init vmalloc_demo_init(void)
{
	vmalloc_dir = debugfs_create_dir("vmalloc", NULL);
	if (IS_ERR(vmalloc_dir))
		return PTR_ERR(vmalloc_dir);
	debugfs_create_file("ctl", 0200, vmalloc_dir, NULL, &ctl_fops);
	debugfs_create_file("pages", 0444, vmalloc_dir, NULL, &pages_fops);
	return 0;
}

static void __exit vmalloc_demo_exit(void)
{
	debugfs_remove(vmalloc_dir);
	vfree(area);
}

module_init(vmalloc_demo_init);
module_exit(vmalloc_demo_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Show that a vmalloc area is contiguous only in virtual memory");
