// SPDX-License-Identifier: GPL-2.0
/*
 * mmu.c - walk a process's page tables as the MMU would, in debugfs.
 *
 *   /sys/kernel/debug/mmu/walk   write "PID VA" (PID in decimal, 0 or "self"
 *                                for the writer; VA in hex, 0x optional),
 *                                then read the walk of that VA in that
 *                                process, one line per level
 *   /sys/kernel/debug/mmu/info   the shape of the page tables of this boot:
 *                                levels, shifts, entries per table, and
 *                                whether PTI, PCID and NX are in use
 *
 * The walk is printed in the format that the chapter's simulator reads
 * (walk -f), so that the simulator can be asked to redo it from the raw
 * entries alone:
 *
 *   format 4level
 *   pid 142
 *   va 0x00007f5a3c201000
 *   cr3 0x0000000002a4c000
 *   pgd 255 0x0000000002a4c7f8 0x8000000003a1e067 present rw user ... nx
 *   p4d folded
 *   pud ...
 *   pmd ...
 *   pte 1 0x0000000003b1d008 0x800000003b2c1867 present rw user ... nx
 *   page 4k
 *   pa 0x000000003b2c1123
 *
 * Each level line gives the entry's index, its physical address and its
 * raw value.  The walk ends with "stop LEVEL not-present" at the first
 * entry without the present bit, or with the page size and the physical
 * address.  The walk is done when the file is read, each time: the pid and
 * VA stay until the next write.  Errors: a write of garbage, a negative pid
 * or a kernel thread's pid gives EINVAL; a pid nobody has, ESRCH; a VA that
 * no address space has (non-canonical on x86-64, above 4 GiB on x86-32),
 * ERANGE; a VA at or above the process's TASK_SIZE, EFAULT; a write longer
 * than a command, EMSGSIZE; a read before any good write, ENODATA.
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
#include <asm/cpufeature.h>

/*
 * The "2level" format of non-PAE x86-32 has 4 MiB leaves in the pgd, which
 * this walk does not look for; Debian ships no such kernel.
 */
#if defined(CONFIG_X86_32) && !defined(CONFIG_X86_PAE)
#error "mmu.ko walks PAE and 64-bit page tables only"
#endif

static struct dentry *mmu_dir;

/* The last good write: whose page tables, and which address. */
static DEFINE_MUTEX(walk_lock);
static struct pid *walk_pid;
static unsigned long walk_va;

/* "PID VA" with some blanks: anything longer is no command. */
#define WALK_CMD_MAX 64

static const char *walk_format(void)
{
#ifdef CONFIG_X86_64
	return pgtable_l5_enabled() ? "5level" : "4level";
#else
	return "pae";
#endif
}

/* @region entry */
/* The hardware bits the format names, in bit order; bit 7 is the caller's. */
static const struct {
	u64 bit;
	const char *name;
} walk_flags[] = {
	{ _PAGE_PRESENT, "present" }, { _PAGE_RW, "rw" },
	{ _PAGE_USER, "user" },	      { _PAGE_PWT, "pwt" },
	{ _PAGE_PCD, "pcd" },	      { _PAGE_ACCESSED, "accessed" },
	{ _PAGE_DIRTY, "dirty" },     { _PAGE_PSE, NULL },
	{ _PAGE_GLOBAL, "global" },   { _PAGE_NX, "nx" },
};

/*
 * Prints one level's line: the entry number @index of the table at physical
 * address @table holds @val.  Bit 7 is named @bit7: "pse" in a pud or pmd,
 * where it makes the entry a leaf, "pat" in a pte, nothing above.  Returns
 * whether the MMU goes on: it stops at an entry without _PAGE_PRESENT.  The
 * kernel's pte_present() and pmd_present() say yes to PROT_NONE entries and
 * to a pmd in the middle of a THP split, which the MMU does not follow.
 */
static bool walk_entry(struct seq_file *m, const char *level,
		       unsigned long index, u64 table, u64 val,
		       const char *bit7)
{
	int i;

	/* Every level's entries are 8 bytes wide, with PAE as on x86-64. */
	seq_printf(m, "%s %lu 0x%016llx 0x%016llx", level, index,
		   table + index * sizeof(pte_t), val);
	for (i = 0; i < ARRAY_SIZE(walk_flags); i++) {
		const char *name = walk_flags[i].name ?: bit7;

		if ((val & walk_flags[i].bit) && name)
			seq_printf(m, " %s", name);
	}
	seq_putc(m, '\n');
	if (val & _PAGE_PRESENT)
		return true;
	seq_printf(m, "stop %s not-present\n", level);
	return false;
}
/* @end entry */

static int walk_leaf(struct seq_file *m, const char *size, u64 frame,
		     unsigned long offset)
{
	seq_printf(m, "page %s\npa 0x%016llx\n", size, frame + offset);
	return 0;
}

/* @region walk */
/*
 * The walk, under mmap_read_lock(mm).  Each entry is read once, into a
 * local copy, and the next level is found from that copy: p4d_offset(&pgd)
 * and so on read the copy, so the walk follows exactly the entries it
 * prints, even if the process changes its page tables meanwhile.  A folded
 * level is the entry above it seen through another type: its offset
 * function hands back the pointer it was given, and the walk prints
 * "folded" and reads nothing new.
 *
 * The mmap lock keeps every page table in place: in 6.1 a table is freed
 * only under mmap_write_lock().  Entries may still change, though, and a
 * 64-bit entry on x86-32 takes two loads.  6.1 offers pmd_read_atomic()
 * for the pmd (PAE reads the low half first, and a zero low half means
 * none), and the pte lock for the pte: under it no pte of the table
 * changes.  The pgd and pud entries of PAE are set once, when the pgd is
 * allocated (all four pmd tables are allocated with it), and on x86-64 a
 * READ_ONCE() is one load.
 */
static int walk_mm(struct seq_file *m, struct mm_struct *mm, unsigned long va)
{
	u64 table = __pa(mm->pgd);
	spinlock_t *ptl;
	pgd_t pgd;
	p4d_t p4d;
	pud_t pud;
	pmd_t pmd;
	pte_t *ptep, pte;

	seq_printf(m, "cr3 0x%016llx\n", table);
	pgd = READ_ONCE(*pgd_offset(mm, va));
	if (!walk_entry(m, "pgd", pgd_index(va), table, pgd_val(pgd), NULL))
		return 0;
	if (pgd_bad(pgd))
		return -EIO;
	table = (u64)pgd_pfn(pgd) << PAGE_SHIFT;

	p4d = READ_ONCE(*p4d_offset(&pgd, va));
	if (mm_p4d_folded(mm)) {
		seq_puts(m, "p4d folded\n");
	} else {
		if (!walk_entry(m, "p4d", p4d_index(va), table, p4d_val(p4d),
				NULL))
			return 0;
		if (p4d_bad(p4d))
			return -EIO;
		table = (u64)p4d_pfn(p4d) << PAGE_SHIFT;
	}

	pud = READ_ONCE(*pud_offset(&p4d, va));
	if (mm_pud_folded(mm)) {
		seq_puts(m, "pud folded\n");
	} else {
		if (!walk_entry(m, "pud", pud_index(va), table, pud_val(pud),
				"pse"))
			return 0;
		if (pud_leaf(pud))
			return walk_leaf(m, "1g", (u64)pud_pfn(pud) << PAGE_SHIFT,
					 va & ~PUD_MASK);
		if (pud_bad(pud))
			return -EIO;
		table = (u64)pud_pfn(pud) << PAGE_SHIFT;
	}

	pmd = pmd_read_atomic(pmd_offset(&pud, va));
	if (!walk_entry(m, "pmd", pmd_index(va), table, pmd_val(pmd), "pse"))
		return 0;
	/* pmd_trans_huge() would miss hugetlbfs and DAX leaves. */
	if (pmd_leaf(pmd))
		return walk_leaf(m, "2m", (u64)pmd_pfn(pmd) << PAGE_SHIFT,
				 va & ~PMD_MASK);
	/* The kernel would clear such an entry (pmd_clear_bad()); not ours. */
	if (pmd_bad(pmd))
		return -EIO;
	table = (u64)pmd_pfn(pmd) << PAGE_SHIFT;

	/*
	 * With CONFIG_HIGHPTE (686-pae) the pte table may sit in highmem,
	 * out of the direct map: pte_offset_map() maps it for a moment, and
	 * its address is known only from the pmd's frame, never from
	 * virt_to_phys() of the mapping.
	 */
	ptep = pte_offset_map_lock(mm, &pmd, va, &ptl);
	pte = ptep_get(ptep);
	pte_unmap_unlock(ptep, ptl);
	if (!walk_entry(m, "pte", pte_index(va), table, pte_val(pte), "pat"))
		return 0;
	return walk_leaf(m, "4k", (u64)pte_pfn(pte) << PAGE_SHIFT,
			 va & ~PAGE_MASK);
}
/* @end walk */

/*
 * A reference on the mm of @pid's task, if @va can be a user address in
 * it.  A kernel thread has no mm of its own: EINVAL.
 */
static struct mm_struct *walk_get_mm(struct pid *pid, unsigned long va)
{
	struct task_struct *task = get_pid_task(pid, PIDTYPE_PID);
	struct mm_struct *mm;

	if (!task)
		return ERR_PTR(-ESRCH);
	mm = get_task_mm(task);
	put_task_struct(task);
	if (!mm)
		return ERR_PTR(-EINVAL);
	if (va >= mm->task_size) {
		mmput(mm);
		return ERR_PTR(-EFAULT);
	}
	return mm;
}

static int walk_show(struct seq_file *m, void *v)
{
	struct mm_struct *mm;
	unsigned long va;
	struct pid *pid;
	int ret;

	mutex_lock(&walk_lock);
	pid = get_pid(walk_pid);
	va = walk_va;
	mutex_unlock(&walk_lock);
	if (!pid)
		return -ENODATA;
	/* The process may have exited, or become a zombie, since the write. */
	mm = walk_get_mm(pid, va);
	if (IS_ERR(mm)) {
		put_pid(pid);
		return PTR_ERR(mm);
	}
	seq_printf(m, "format %s\npid %d\nva 0x%0*lx\n", walk_format(),
		   pid_vnr(pid), (int)(2 * sizeof(long)), va);
	put_pid(pid);

	ret = mmap_read_lock_killable(mm);
	if (!ret) {
		ret = walk_mm(m, mm, va);
		mmap_read_unlock(mm);
	}
	mmput(mm);
	return ret;
}

static int walk_open(struct inode *inode, struct file *file)
{
	return single_open(file, walk_show, NULL);
}

/* Parses "PID VA" into a reference on the pid, checked against its mm. */
static int walk_parse(char *cmd, struct pid **pidp, unsigned long *vap)
{
	char *pidstr = strsep(&cmd, " \t");
	struct mm_struct *mm;
	struct pid *pid;
	int ret, nr = 0;

	if (!cmd)
		return -EINVAL;
	cmd = skip_spaces(cmd);
	/* kstrtoul() takes a 0x and one trailing newline, nothing else. */
	ret = kstrtoul(cmd, 16, vap);
	if (ret)
		return ret;
#ifdef CONFIG_X86_64
	if (!__is_canonical_address(*vap, __VIRTUAL_MASK_SHIFT + 1))
		return -ERANGE;
#endif
	if (strcmp(pidstr, "self")) {
		ret = kstrtoint(pidstr, 10, &nr);
		if (ret)
			return ret;
		if (nr < 0)
			return -EINVAL;
	}
	pid = nr ? find_get_pid(nr) : get_task_pid(current, PIDTYPE_PID);
	if (!pid)
		return -ESRCH;
	mm = walk_get_mm(pid, *vap);
	if (IS_ERR(mm)) {
		put_pid(pid);
		return PTR_ERR(mm);
	}
	mmput(mm);
	*pidp = pid;
	return 0;
}

/* Each write is one whole command; a bad one leaves the last good one. */
static ssize_t walk_write(struct file *file, const char __user *ubuf,
			  size_t len, loff_t *ppos)
{
	char cmd[WALK_CMD_MAX];
	struct pid *pid, *old;
	unsigned long va;
	int ret;

	if (len >= sizeof(cmd))
		return -EMSGSIZE;
	if (copy_from_user(cmd, ubuf, len))
		return -EFAULT;
	cmd[len] = '\0';
	ret = walk_parse(strim(cmd), &pid, &va);
	if (ret)
		return ret;

	mutex_lock(&walk_lock);
	old = walk_pid;
	walk_pid = pid;
	walk_va = va;
	mutex_unlock(&walk_lock);
	put_pid(old);
	return len;
}

static const struct file_operations walk_fops = {
	.owner = THIS_MODULE,
	.open = walk_open,
	.read = seq_read,
	.write = walk_write,
	.llseek = seq_lseek,
	.release = single_release,
};

/* @region info */
static int info_show(struct seq_file *m, void *v)
{
#ifdef CONFIG_X86_64
	int levels = pgtable_l5_enabled() ? 5 : 4;
#else
	int levels = CONFIG_PGTABLE_LEVELS;
#endif

	seq_printf(m, "%-22s %s\n", "format", walk_format());
	seq_printf(m, "%-22s %d\n", "PGTABLE_LEVELS", levels);
	seq_printf(m, "%-22s %d\n", "__VIRTUAL_MASK_SHIFT", __VIRTUAL_MASK_SHIFT);
	seq_printf(m, "%-22s %d\n", "PGDIR_SHIFT", PGDIR_SHIFT);
	seq_printf(m, "%-22s %d\n", "P4D_SHIFT", P4D_SHIFT);
	seq_printf(m, "%-22s %d\n", "PUD_SHIFT", PUD_SHIFT);
	seq_printf(m, "%-22s %d\n", "PMD_SHIFT", PMD_SHIFT);
	seq_printf(m, "%-22s %d\n", "PAGE_SHIFT", PAGE_SHIFT);
	seq_printf(m, "%-22s %d\n", "PTRS_PER_PGD", PTRS_PER_PGD);
	seq_printf(m, "%-22s %d\n", "PTRS_PER_P4D", PTRS_PER_P4D);
	seq_printf(m, "%-22s %d\n", "PTRS_PER_PUD", PTRS_PER_PUD);
	seq_printf(m, "%-22s %d\n", "PTRS_PER_PMD", PTRS_PER_PMD);
	seq_printf(m, "%-22s %d\n", "PTRS_PER_PTE", PTRS_PER_PTE);
	seq_printf(m, "%-22s %zu\n", "sizeof(pte_t)", sizeof(pte_t));
	seq_printf(m, "%-22s 0x%0*lx\n", "TASK_SIZE_MAX",
		   (int)(2 * sizeof(long)), TASK_SIZE_MAX);
	/* Features the kernel cleared at boot, if it does not use them. */
	seq_printf(m, "%-22s %s\n", "pti",
		   boot_cpu_has(X86_FEATURE_PTI) ? "yes" : "no");
	seq_printf(m, "%-22s %s\n", "pcid",
		   boot_cpu_has(X86_FEATURE_PCID) ? "yes" : "no");
	seq_printf(m, "%-22s %s\n", "nx",
		   __supported_pte_mask & _PAGE_NX ? "yes" : "no");
	return 0;
}
/* @end info */
DEFINE_SHOW_ATTRIBUTE(info);

static int __init mmu_init(void)
{
	mmu_dir = debugfs_create_dir("mmu", NULL);
	if (IS_ERR(mmu_dir))
		return PTR_ERR(mmu_dir);
	debugfs_create_file("walk", 0644, mmu_dir, NULL, &walk_fops);
	debugfs_create_file("info", 0444, mmu_dir, NULL, &info_fops);
	return 0;
}

static void __exit mmu_exit(void)
{
	debugfs_remove(mmu_dir);
	put_pid(walk_pid);
}

module_init(mmu_init);
module_exit(mmu_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Walk a process's page tables as the MMU does");
