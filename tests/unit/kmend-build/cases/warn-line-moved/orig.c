// Lines move above a WARN_ON and a BUG_ON: only their line numbers in
// __bug_table change, no code does.
#include <linux/module.h>
int kmend_t_check(int x)
{
	WARN_ON(x == 3);
	BUG_ON(x == 4);
	return x;
}
