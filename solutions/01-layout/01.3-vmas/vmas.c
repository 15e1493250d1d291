// SPDX-License-Identifier: GPL-2.0
/*
 * vmas.c - exercise 01.3: one process's VMAs, with their flags, in debugfs.
 *
 *   /sys/kernel/debug/vmas/pid    write the pid of the process to show
 *   /sys/kernel/debug/vmas/maps   its VMAs, one a line, lowest first:
 *
 *       START-END PERMS FLAG...
 *       7f5e3c400000-7f5e3c422000 r--p rd mr mw me
 *
 * START, END and PERMS as /proc/PID/maps prints them; FLAG... the names
 * /proc/PID/smaps gives the VMA's flags on its VmFlags line, for the flags
 * of vma_flag_names[] only.
 */
#include <linux/module.h>
#include <linux/debugfs.h>
#include <linux/seq_file.h>
#include <linux/mm.h>
#include <linux/pid.h>
#include <linux/sched/mm.h>
#include <linux/sched/task.h>

static struct dentry *vmas_dir;

/* The pid written to "pid"; nobody has pid 0, so "maps" starts with -ESRCH. */
static DEFINE_MUTEX(vmas_lock);
static pid_t vmas_pid;

/* In the order of their bits, as smaps prints them. */
static const struct {
	unsigned long flag;
	char name[3];
} vma_flag_names[] = {
	{ VM_READ, "rd" },	 { VM_WRITE, "wr" },	 { VM_EXEC, "ex" },
	{ VM_SHARED, "sh" },	 { VM_MAYREAD, "mr" },	 { VM_MAYWRITE, "mw" },
	{ VM_MAYEXEC, "me" },	 { VM_MAYSHARE, "ms" },	 { VM_GROWSDOWN, "gd" },
	{ VM_PFNMAP, "pf" },	 { VM_LOCKED, "lo" },	 { VM_IO, "io" },
	{ VM_SEQ_READ, "sr" },	 { VM_RAND_READ, "rr" }, { VM_DONTCOPY, "dc" },
	{ VM_DONTEXPAND, "de" }, { VM_ACCOUNT, "ac" },	 { VM_NORESERVE, "nr" },
	{ VM_HUGETLB, "ht" },	 { VM_DONTDUMP, "dd" },
};

/*
 * Prints one VMA's line.  Used by the maps_show() you write:
 * __maybe_unused keeps the unfinished exercise building clean under W=1.
 */
static void __maybe_unused show_vma(struct seq_file *m,
				    struct vm_area_struct *vma)
{
	unsigned long flags = vma->vm_flags;
	int i;

	/*
	 * maps prints 's' for VM_MAYSHARE: a read-only shared file mapping
	 * has lost VM_SHARED, not its sharing.
	 */
	seq_printf(m, "%08lx-%08lx %c%c%c%c", vma->vm_start, vma->vm_end,
		   flags & VM_READ ? 'r' : '-', flags & VM_WRITE ? 'w' : '-',
		   flags & VM_EXEC ? 'x' : '-',
		   flags & VM_MAYSHARE ? 's' : 'p');
	for (i = 0; i < ARRAY_SIZE(vma_flag_names); i++)
		if (flags & vma_flag_names[i].flag)
			seq_printf(m, " %s", vma_flag_names[i].name);
	seq_putc(m, '\n');
}

/* @region maps_show */
static int maps_show(struct seq_file *m, void *v)
{
	struct task_struct *task;
	struct vm_area_struct *vma;
	struct mm_struct *mm;
	struct pid *pid;
	int ret;

	mutex_lock(&vmas_lock);
	pid = find_get_pid(vmas_pid);
	mutex_unlock(&vmas_lock);
	/* The process may have gone since its pid was written. */
	task = get_pid_task(pid, PIDTYPE_PID);
	put_pid(pid);
	if (!task)
		return -ESRCH;
	/* NULL for a kernel thread, which borrows the mm of others. */
	mm = get_task_mm(task);
	put_task_struct(task);
	if (!mm)
		return -EINVAL;

	/* The walk sleeps on the lock: let a fatal signal end the wait. */
	ret = mmap_read_lock_killable(mm);
	if (ret)
		goto out;

	VMA_ITERATOR(vmi, mm, 0);
	for_each_vma(vmi, vma)
		show_vma(m, vma);
	mmap_read_unlock(mm);
out:
	mmput(mm);
	return ret;
}
/* @end maps_show */
DEFINE_SHOW_ATTRIBUTE(maps);

static int pid_get(void *data, u64 *val)
{
	mutex_lock(&vmas_lock);
	*val = vmas_pid;
	mutex_unlock(&vmas_lock);
	return 0;
}

/* Garbage fails here, in the parser of DEFINE_DEBUGFS_ATTRIBUTE: -EINVAL. */
static int pid_set(void *data, u64 val)
{
	if (val > PID_MAX_LIMIT)
		return -EINVAL;
	mutex_lock(&vmas_lock);
	vmas_pid = val;
	mutex_unlock(&vmas_lock);
	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(pid_fops, pid_get, pid_set, "%llu\n");

static int __init vmas_init(void)
{
	vmas_dir = debugfs_create_dir("vmas", NULL);
	if (IS_ERR(vmas_dir))
		return PTR_ERR(vmas_dir);
	debugfs_create_file_unsafe("pid", 0644, vmas_dir, NULL, &pid_fops);
	debugfs_create_file("maps", 0444, vmas_dir, NULL, &maps_fops);
	return 0;
}

static void __exit vmas_exit(void)
{
	debugfs_remove(vmas_dir);
}

module_init(vmas_init);
module_exit(vmas_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Exercise 01.3: a process's VMAs and their flags");
