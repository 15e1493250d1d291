// SPDX-License-Identifier: GPL-2.0
/*
 * layout.c - the kernel's own view of the address space, in debugfs.
 *
 *   /sys/kernel/debug/layout/map    the kernel virtual map: where the direct
 *                                   map, vmalloc, pkmap, fixmap... begin
 *   /sys/kernel/debug/layout/zones  every zone: pfn span, pages, free pages
 *   /sys/kernel/debug/layout/pid    write a pid here (0, the default, means
 *                                   "whoever reads")
 *   /sys/kernel/debug/layout/mm     that process's mm_struct, in brief
 *   /sys/kernel/debug/layout/vmas   that process's VMAs, like /proc/PID/maps
 *
 * Each value is printed as "name value" so that a program (the chapter's
 * kernel-map calculator) can be checked against it line by line.
 */
#include <linux/module.h>
#include <linux/debugfs.h>
#include <linux/seq_file.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/vmstat.h>
#include <linux/highmem.h>
#include <linux/sched/mm.h>
#include <linux/sched/task.h>
#include <linux/pid.h>
#include <asm/fixmap.h>

static struct dentry *layout_dir;

/* The pid whose mm the "mm" and "vmas" files show; 0 means the reader. */
static DEFINE_MUTEX(layout_lock);
static pid_t layout_pid;

#define show(m, name, val) seq_printf(m, "%-20s 0x%0*lx\n", name, \
				      (int)(2 * sizeof(long)), (unsigned long)(val))

/* @region map */
static int map_show(struct seq_file *m, void *v)
{
	show(m, "TASK_SIZE", TASK_SIZE_MAX);
	show(m, "PAGE_OFFSET", PAGE_OFFSET);
	show(m, "high_memory", high_memory);
	show(m, "max_low_pfn", ((unsigned long)high_memory - PAGE_OFFSET) >> PAGE_SHIFT);
	show(m, "VMALLOC_START", VMALLOC_START);
	show(m, "VMALLOC_END", VMALLOC_END);
#ifdef CONFIG_X86_32
	show(m, "PKMAP_BASE", PKMAP_BASE);
	show(m, "LAST_PKMAP", LAST_PKMAP);
	show(m, "LDT_BASE_ADDR", LDT_BASE_ADDR);
	show(m, "CPU_ENTRY_AREA_BASE", CPU_ENTRY_AREA_BASE);
#else
	seq_printf(m, "%-20s %d\n", "PGTABLE_LEVELS", pgtable_l5_enabled() ? 5 : 4);
	show(m, "VMEMMAP_START", VMEMMAP_START);
	show(m, "LDT_BASE_ADDR", LDT_BASE_ADDR);
	show(m, "CPU_ENTRY_AREA_BASE", CPU_ENTRY_AREA_BASE);
	show(m, "ESPFIX_BASE_ADDR", ESPFIX_BASE_ADDR);
	show(m, "__START_KERNEL_map", __START_KERNEL_map);
	show(m, "MODULES_VADDR", MODULES_VADDR);
	show(m, "MODULES_END", MODULES_END);
#endif
	show(m, "FIXADDR_START", FIXADDR_START);
	show(m, "FIXADDR_TOP", FIXADDR_TOP);
	return 0;
}
/* @end map */
DEFINE_SHOW_ATTRIBUTE(map);

/* @region zones */
static int zones_show(struct seq_file *m, void *v)
{
	int nid;

	seq_printf(m, "%-4s %-8s %10s %10s %9s %9s %9s %9s\n", "node", "zone",
		   "start_pfn", "end_pfn", "spanned", "present", "managed", "free");
	for_each_online_node(nid) {
		pg_data_t *pgdat = NODE_DATA(nid);
		struct zone *zone;

		for (zone = pgdat->node_zones;
		     zone < pgdat->node_zones + MAX_NR_ZONES; zone++)
			seq_printf(m, "%-4d %-8s %#10lx %#10lx %9lu %9lu %9lu %9lu\n",
				   nid, zone->name, zone->zone_start_pfn,
				   zone_end_pfn(zone), zone->spanned_pages,
				   zone->present_pages, zone_managed_pages(zone),
				   zone_page_state(zone, NR_FREE_PAGES));
	}
	return 0;
}
/* @end zones */
DEFINE_SHOW_ATTRIBUTE(zones);

/*
 * Takes a reference on the mm of the chosen task, or of the reader.  A
 * kernel thread has no mm of its own: that is -EINVAL, not an empty file.
 */
static struct mm_struct *layout_get_mm(void)
{
	struct task_struct *task;
	struct mm_struct *mm;
	pid_t nr;

	mutex_lock(&layout_lock);
	nr = layout_pid;
	mutex_unlock(&layout_lock);

	task = nr ? get_pid_task(find_get_pid(nr), PIDTYPE_PID) : get_task_struct(current);
	if (!task)
		return ERR_PTR(-ESRCH);
	mm = get_task_mm(task);
	put_task_struct(task);
	return mm ?: ERR_PTR(-EINVAL);
}

static int mm_show(struct seq_file *m, void *v)
{
	struct mm_struct *mm = layout_get_mm();
	int ret;

	if (IS_ERR(mm))
		return PTR_ERR(mm);
	ret = mmap_read_lock_killable(mm);
	if (ret)
		goto out;
	show(m, "mmap_base", mm->mmap_base);
	show(m, "task_size", mm->task_size);
	show(m, "pgd", mm->pgd);
	show(m, "start_code", mm->start_code);
	show(m, "end_code", mm->end_code);
	show(m, "start_data", mm->start_data);
	show(m, "end_data", mm->end_data);
	show(m, "start_brk", mm->start_brk);
	show(m, "brk", mm->brk);
	show(m, "start_stack", mm->start_stack);
	seq_printf(m, "%-20s %d\n", "map_count", mm->map_count);
	seq_printf(m, "%-20s %d\n", "mm_users", atomic_read(&mm->mm_users));
	seq_printf(m, "%-20s %d\n", "mm_count", atomic_read(&mm->mm_count));
	seq_printf(m, "%-20s %lu\n", "total_vm", mm->total_vm);
	seq_printf(m, "%-20s %lu\n", "pgtables_bytes", mm_pgtables_bytes(mm));
	mmap_read_unlock(mm);
out:
	mmput(mm);
	return ret;
}
DEFINE_SHOW_ATTRIBUTE(mm);

/* @region vmas */
static int vmas_show(struct seq_file *m, void *v)
{
	struct mm_struct *mm = layout_get_mm();
	struct vm_area_struct *vma;
	int ret;

	if (IS_ERR(mm))
		return PTR_ERR(mm);
	ret = mmap_read_lock_killable(mm);
	if (ret)
		goto out;

	VMA_ITERATOR(vmi, mm, 0);
	for_each_vma(vmi, vma) {
		seq_printf(m, "%08lx-%08lx %c%c%c%c %08lx flags=%#lx ",
			   vma->vm_start, vma->vm_end,
			   vma->vm_flags & VM_READ ? 'r' : '-',
			   vma->vm_flags & VM_WRITE ? 'w' : '-',
			   vma->vm_flags & VM_EXEC ? 'x' : '-',
			   vma->vm_flags & VM_SHARED ? 's' : 'p',
			   vma->vm_pgoff << PAGE_SHIFT, vma->vm_flags);
		if (vma->vm_file)
			seq_file_path(m, vma->vm_file, "\n");
		else if (vma->vm_start <= mm->brk && vma->vm_end >= mm->start_brk)
			seq_puts(m, "[heap]");
		else if (vma->vm_start <= mm->start_stack &&
			 vma->vm_end >= mm->start_stack)
			seq_puts(m, "[stack]");
		seq_putc(m, '\n');
	}
	mmap_read_unlock(mm);
out:
	mmput(mm);
	return ret;
}
/* @end vmas */
DEFINE_SHOW_ATTRIBUTE(vmas);

static int pid_get(void *data, u64 *val)
{
	mutex_lock(&layout_lock);
	*val = layout_pid;
	mutex_unlock(&layout_lock);
	return 0;
}

/* Refuse a pid that does not exist now, so that a typo fails at the write. */
static int pid_set(void *data, u64 val)
{
	struct pid *pid;

	if (val > PID_MAX_LIMIT)
		return -EINVAL;
	if (val) {
		pid = find_get_pid(val);
		if (!pid)
			return -ESRCH;
		put_pid(pid);
	}
	mutex_lock(&layout_lock);
	layout_pid = val;
	mutex_unlock(&layout_lock);
	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(pid_fops, pid_get, pid_set, "%llu\n");

static int __init layout_init(void)
{
	layout_dir = debugfs_create_dir("layout", NULL);
	if (IS_ERR(layout_dir))
		return PTR_ERR(layout_dir);
	debugfs_create_file("map", 0444, layout_dir, NULL, &map_fops);
	debugfs_create_file("zones", 0444, layout_dir, NULL, &zones_fops);
	debugfs_create_file("mm", 0444, layout_dir, NULL, &mm_fops);
	debugfs_create_file("vmas", 0444, layout_dir, NULL, &vmas_fops);
	debugfs_create_file_unsafe("pid", 0644, layout_dir, NULL, &pid_fops);
	return 0;
}

static void __exit layout_exit(void)
{
	debugfs_remove(layout_dir);
}

module_init(layout_init);
module_exit(layout_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Show the kernel's virtual map, its zones and a process's VMAs");
