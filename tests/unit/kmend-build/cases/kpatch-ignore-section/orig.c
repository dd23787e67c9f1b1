// KPATCH_IGNORE_SECTION(): a section the author names is not looked at;
// here the only change is there, so nothing is left to patch.
#include <linux/module.h>
#include "kpatch-macros.h"
int kmend_t_a(int x)
{
	return x + 1;
}
