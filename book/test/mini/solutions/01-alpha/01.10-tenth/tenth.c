/* SPDX-License-Identifier: GPL-2.0 */
int tenth(void)
{
	return numbat_count_of_the_tenth_exercise();
}
