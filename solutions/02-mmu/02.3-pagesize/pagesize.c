// SPDX-License-Identifier: GPL-2.0
/*
 * pagesize.c - exercise 02.3: the size of the page that maps a user address.
 *
 *   /sys/kernel/debug/pagesize/query   write "PID VA" (PID in decimal, VA
 *                                      in hex), then read the size of the
 *                                      page that maps VA in that process:
 *                                      4k, 2m or 1g, or none when no page
 *                                      is there
 *
 * The page tables are walked each time the file is read.
 */
#include <linux/module.h>
#include <linux/debugfs.h>
#include <linux/seq_file.h>
#include <linux/mm.h>
#include <linux/pgtable.h>
#include <linux/highmem.h>
#include <linux/sched/mm.h>
#include <linux/sched/task.h>
#include <linux/pid.h>
#include <linux/uaccess.h>

static struct dentry *pagesize_dir;

/* The last query written; nobody has pid 0, so reads start with -ESRCH. */
static DEFINE_MUTEX(query_lock);
static pid_t query_pid;
static unsigned long query_va;

/* @region va_page_size */
/*
 * Returns "1g", "2m" or "4k": the size of the page that maps @va in @mm,
 * or "none" when the walk meets an entry that is not present.  Called with
 * mmap_read_lock(mm) held.
 */
static const char *va_page_size(struct mm_struct *mm, unsigned long va)
{
	pgd_t *pgd = pgd_offset(mm, va);
	spinlock_t *ptl;
	p4d_t *p4d;
	pud_t *pud, pudval;
	pmd_t *pmd, pmdval;
	pte_t *pte;
	bool present;

	/* A folded level's none() is 0: the level below checks that entry. */
	if (pgd_none(READ_ONCE(*pgd)))
		return "none";
	p4d = p4d_offset(pgd, va);
	if (p4d_none(READ_ONCE(*p4d)))
		return "none";
	pud = pud_offset(p4d, va);
	pudval = READ_ONCE(*pud);
	if (!pud_present(pudval))
		return "none";
	if (pud_leaf(pudval))
		return "1g";
	if (pud_bad(pudval))
		return ERR_PTR(-EIO);

	pmd = pmd_offset(pud, va);
	/* A PAE pmd takes two loads; this pair of them is never torn. */
	pmdval = pmd_read_atomic(pmd);
	if (!pmd_present(pmdval))
		return "none";
	/* Before pmd_bad(), to which a leaf looks bad. */
	if (pmd_leaf(pmdval))
		return "2m";
	if (pmd_bad(pmdval))
		return ERR_PTR(-EIO);

	/* The table may be in highmem (686-pae): mapped until unmapped. */
	pte = pte_offset_map_lock(mm, pmd, va, &ptl);
	present = pte_present(ptep_get(pte));
	pte_unmap_unlock(pte, ptl);
	return present ? "4k" : "none";
}
/* @end va_page_size */

static int query_show(struct seq_file *m, void *v)
{
	struct task_struct *task;
	struct mm_struct *mm;
	unsigned long va;
	const char *size;
	struct pid *pid;
	int ret;

	mutex_lock(&query_lock);
	pid = find_get_pid(query_pid);
	va = query_va;
	mutex_unlock(&query_lock);
	task = get_pid_task(pid, PIDTYPE_PID);
	put_pid(pid);
	if (!task)
		return -ESRCH;
	mm = get_task_mm(task);
	put_task_struct(task);
	if (!mm)
		return -EINVAL;

	ret = mmap_read_lock_killable(mm);
	if (ret)
		goto out;
	size = va < mm->task_size ? va_page_size(mm, va) : "none";
	mmap_read_unlock(mm);
	if (IS_ERR(size))
		ret = PTR_ERR(size);
	else
		seq_printf(m, "%s\n", size);
out:
	mmput(mm);
	return ret;
}

static int query_open(struct inode *inode, struct file *file)
{
	return single_open(file, query_show, NULL);
}

/* "PID VA" in one write; garbage fails with -EINVAL. */
static ssize_t query_write(struct file *file, const char __user *ubuf,
			   size_t len, loff_t *ppos)
{
	char buf[64], *cmd = buf, *pidstr;
	unsigned long va;
	int ret, nr;

	if (len >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	buf[len] = '\0';
	pidstr = strsep(&cmd, " ");
	if (!cmd)
		return -EINVAL;
	ret = kstrtoint(pidstr, 10, &nr);
	if (ret)
		return ret;
	ret = kstrtoul(cmd, 16, &va);
	if (ret)
		return ret;
	if (nr <= 0)
		return -EINVAL;
	mutex_lock(&query_lock);
	query_pid = nr;
	query_va = va;
	mutex_unlock(&query_lock);
	return len;
}

static const struct file_operations query_fops = {
	.owner = THIS_MODULE,
	.open = query_open,
	.read = seq_read,
	.write = query_write,
	.llseek = seq_lseek,
	.release = single_release,
};

static int __init pagesize_init(void)
{
	pagesize_dir = debugfs_create_dir("pagesize", NULL);
	if (IS_ERR(pagesize_dir))
		return PTR_ERR(pagesize_dir);
	debugfs_create_file("query", 0644, pagesize_dir, NULL, &query_fops);
	return 0;
}

static void __exit pagesize_exit(void)
{
	debugfs_remove(pagesize_dir);
}

module_init(pagesize_init);
module_exit(pagesize_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Exercise 02.3: the size of the page behind a user address");
