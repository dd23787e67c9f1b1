// Alternatives' code of all functions shares .altinstr_aux; a change of
// one function's piece must not make the others look changed.
#include <linux/module.h>
#include <asm/cpufeature.h>
int kmend_t_a(int x)
{
	return static_cpu_has(X86_FEATURE_AVX) ? x + 1 : x;
}
int kmend_t_b(int x)
{
	return static_cpu_has(X86_FEATURE_AVX2) ? x - 1 : x;
}
int kmend_t_c(int x)
{
	return static_cpu_has(X86_FEATURE_XSAVE) ? x * 2 : x;
}
