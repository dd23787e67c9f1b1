// .altinstructions: the replaced function's alternative is kept with its
// piece of .altinstr_replacement; the other function's are dropped.
#include <linux/module.h>
#include <asm/alternative.h>
#include <asm/cpufeatures.h>
int kmend_t_a(int x)
{
	alternative("", "lfence", X86_FEATURE_LFENCE_RDTSC);
	return x + 1;
}
int kmend_t_b(int x)
{
	alternative("", "mfence", X86_FEATURE_LFENCE_RDTSC);
	return x - 1;
}
