// SPDX-License-Identifier: GPL-2.0
/*
 * Runner fixture: floods the console.  Console drivers touch the lockup
 * watchdog, so only the runner's limit on the size of the logs stops it.
 */
#include <linux/module.h>

static int __init selftest_flood_init(void)
{
	for (;;)
		pr_emerg("selftest: one more line of a flood\n");
	return 0;
}
module_init(selftest_flood_init);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Runner fixture: console flood in module init");
