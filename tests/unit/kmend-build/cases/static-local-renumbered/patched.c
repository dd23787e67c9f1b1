// A function-scope static keeps its identity when a new static above it
// shifts GCC's numbering: the patch uses the running kernel's copy.
#include <linux/module.h>
int kmend_t_first(void)
{
	static int before;
	return before += 2;
}
int kmend_t_count(void)
{
	static int calls;
	return calls += 2;
}
