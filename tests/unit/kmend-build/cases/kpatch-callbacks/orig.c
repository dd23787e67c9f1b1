// A patch written for kpatch-build: kpatch-macros.h's callbacks and hooks
// work unchanged, with patch_object being struct kmend_object.
#include <linux/module.h>
#include "kpatch-macros.h"
int kmend_t_value(int x)
{
	return x + 1;
}
