// SPDX-License-Identifier: GPL-2.0
/* Runner fixture: never returns from init, so insmod never returns. */
#include <linux/module.h>
#include <linux/delay.h>

static int __init selftest_hang_init(void)
{
	for (;;)
		msleep(1000);
	return 0;
}
module_init(selftest_hang_init);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Runner fixture: hang in module init");
