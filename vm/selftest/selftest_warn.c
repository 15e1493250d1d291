// SPDX-License-Identifier: GPL-2.0
/*
 * Runner fixture: a WARN is printed at KERN_WARNING, which `quiet` keeps off
 * the console; the runner must still see it in the dmesg dump.
 */
#include <linux/module.h>

static int __init selftest_warn_init(void)
{
	WARN(1, "selftest: a warning the runner must notice\n");
	return 0;
}

static void __exit selftest_warn_exit(void)
{
}
module_init(selftest_warn_init);
module_exit(selftest_warn_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Runner fixture: WARN in module init");
