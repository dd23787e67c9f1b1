// A constant table without pointers means the same wherever it lives: the
// patch copies it rather than reaching for the kernel's.
#include <linux/module.h>
static const int kmend_t_primes[] = { 2, 3, 5, 7, 11, 13, 17, 19 };
int kmend_t_prime(int i)
{
	return kmend_t_primes[i & 7];
}
