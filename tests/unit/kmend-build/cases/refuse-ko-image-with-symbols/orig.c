// A module's .ko as --image carries its own symbols: kallsyms lines
// (--symbols) have no section index into it, so the pair is bad input,
// said so, instead of read as sections of the .ko.
#include <linux/module.h>
static int kmend_t_state;
int kmend_t_value(int x)
{
	return x + kmend_t_state;
}
