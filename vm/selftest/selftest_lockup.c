// SPDX-License-Identifier: GPL-2.0
/*
 * Runner fixture: spins in init without ever scheduling, which the kernel's
 * soft-lockup watchdog reports and, booted with softlockup_panic=1, turns
 * into a panic that ends the VM long before the suite's time-out.
 */
#include <linux/module.h>

/* @region lockup */
static int __init selftest_lockup_init(void)
{
	for (;;)
		cpu_relax();
	return 0;
}
/* @end lockup */
module_init(selftest_lockup_init);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Runner fixture: busy loop in module init");
