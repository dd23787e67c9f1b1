// A notrace function has no fentry call, so nothing can redirect it:
// refused, naming the function.
#include <linux/module.h>
notrace int kmend_t_quiet(int x)
{
	return x + 2;
}
