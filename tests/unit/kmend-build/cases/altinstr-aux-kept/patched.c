// static_cpu_has() jumps to a test in .altinstr_aux: the replaced
// function's piece of it is kept.
#include <linux/module.h>
#include <asm/cpufeature.h>
int kmend_t_a(int x)
{
	return static_cpu_has(X86_FEATURE_AVX) ? x + 2 : x;
}
int kmend_t_b(int x)
{
	return static_cpu_has(X86_FEATURE_AVX2) ? x - 1 : x;
}
