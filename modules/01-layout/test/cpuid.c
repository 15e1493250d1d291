// SPDX-License-Identifier: GPL-2.0
/*
 * cpuid - the CPU's own answer about 5-level paging: CPUID leaf 7, ECX bit
 * 16 (LA57).  /proc/cpuinfo cannot tell: a kernel that runs with 4 levels
 * clears the flag it reports, whatever the CPU offers.
 */
#include <cpuid.h>
#include <stdio.h>

/* arch/x86/include/asm/cpufeatures.h: X86_FEATURE_LA57 is word 16, bit 16 */
#define CPUID_7_ECX_LA57 (1u << 16)

int main(void)
{
	unsigned int eax, ebx, ecx, edx;

	if (!__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) {
		puts("no CPUID leaf 7");
		return 1;
	}
	puts(ecx & CPUID_7_ECX_LA57 ? "la57" : "no la57");
	return 0;
}
