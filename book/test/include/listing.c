/* SPDX-License-Identifier: GPL-2.0 */
/* A fixture for book/test/include.sh: regions, nested and unterminated. */
#include <stdio.h>

/* @region greet */
static void greet(const char *who)
{
	/* @region body */
	printf("hello, %s\n", who);
	/* @end body */
}
/* @end greet */

/* @region greet_all: a longer name that starts like "greet" */
int main(void)
{
	greet("world");
	return 0;
}
/* @end greet_all */

/* @region padded: blank lines at both ends are not shown */

	int padded;

/* @end padded */

/* @region open */
int never_closed;
