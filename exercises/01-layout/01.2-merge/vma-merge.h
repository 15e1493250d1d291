/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vma-merge.h - when two neighbouring VMAs become one (exercise 01.2)
 *
 * Your copy of sim/01-layout/vma-merge.h.  vma.c includes it after struct
 * vm_area_struct, vma_prev(), vma_next() and vma_unlink(), which you may
 * use.  Write is_mergeable_anon_vma() and vma_merge(); can_vma_merge() is
 * given.  Check with: make check-exercise EX=01.2
 */

/* @region merge */
/*
 * May a range whose written pages belong to anon_vma1 join a VMA whose pages
 * belong to anon_vma2 (0: nothing written yet)?  If one of them has none,
 * yes, provided that vma's anon_vma_chain is singular, as list_is_singular()
 * checks; in a process that never forked, the chain has one entry once the
 * VMA has an anon_vma and none before.  Otherwise they must be the same.
 */
static bool is_mergeable_anon_vma(int anon_vma1, int anon_vma2,
				  const struct vm_area_struct *vma)
{
	/* Exercise 01.2: so far, written pages never keep VMAs apart. */
	(void)anon_vma1;
	(void)anon_vma2;
	(void)vma;
	return true;
}

/*
 * can_vma_merge_before() and can_vma_merge_after() in one.  Their checks of
 * vm_file, the mempolicy, userfaultfd, the anon name and vm_pgoff always
 * pass for the mappings made here: an anonymous VMA's vm_pgoff is
 * vm_start >> PAGE_SHIFT unless mremap() moves it.
 */
static bool can_vma_merge(const struct vm_area_struct *vma,
			  unsigned long vm_flags, int anon_vma)
{
	return vma->vm_flags == vm_flags &&
	       is_mergeable_anon_vma(anon_vma, vma->anon_vma, vma);
}

/*
 * vma_merge() as mprotect_fixup() uses it: vma has just been given new
 * flags; it joins its predecessor, its successor, or both.  (The kernel
 * tries the merge before it splits; the result is the same.)  The merged
 * VMA keeps whichever anon_vma the parts had: they cannot differ.
 */
static struct vm_area_struct *vma_merge(struct vm_area_struct *vma)
{
	/* Exercise 01.2: so far, mprotect() never joins a neighbour. */
	return vma;
}
/* @end merge */
