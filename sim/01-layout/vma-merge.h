/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vma-merge.h - when two neighbouring VMAs become one (part of vma.c)
 *
 * vma.c includes this file in the middle, after struct vm_area_struct,
 * vma_prev(), vma_next() and vma_unlink(), which it uses.  It is a file of
 * its own because exercise 01.2 hands students a copy with these three
 * functions emptied; its grader builds vma.c against their copy instead.
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
	if ((!anon_vma1 || !anon_vma2) && (!vma || vma->anon_vma))
		return true;
	return anon_vma1 == anon_vma2;
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
	struct vm_area_struct *prev = vma_prev(vma), *next = vma_next(vma);
	bool merge_prev, merge_next;

	merge_prev = prev && prev->vm_end == vma->vm_start &&
		     can_vma_merge(prev, vma->vm_flags, vma->anon_vma);
	merge_next = next && next->vm_start == vma->vm_end &&
		     can_vma_merge(next, vma->vm_flags, vma->anon_vma);
	if (merge_prev && merge_next &&
	    !is_mergeable_anon_vma(prev->anon_vma, next->anon_vma, NULL))
		merge_next = false;
	if (merge_next) {
		next->vm_start = vma->vm_start;
		if (!next->anon_vma)
			next->anon_vma = vma->anon_vma;
		vma_unlink(vma); /* vma now points to the merged next */
	}
	if (merge_prev) {
		prev->vm_end = vma->vm_end;
		if (!prev->anon_vma)
			prev->anon_vma = vma->anon_vma;
		vma_unlink(vma);
		vma = prev;
	}
	return vma;
}
/* @end merge */
