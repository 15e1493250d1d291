// SPDX-License-Identifier: GPL-2.0
/* Runner fixture: dereferences NULL in init, so the kernel oopses. */
#include <linux/module.h>

static int *selftest_nowhere;

/* @region oops */
static int __init selftest_oops_init(void)
{
	return READ_ONCE(*selftest_nowhere);
}
/* @end oops */
module_init(selftest_oops_init);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Runner fixture: oops in module init");
