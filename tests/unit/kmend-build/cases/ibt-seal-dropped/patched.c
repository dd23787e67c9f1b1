// 6.12 (IBT): the file's objtool run lists kmend_t_value's ENDBR to seal;
// the patch module takes its address (kmend_patch.c), so that list stays
// out and the module's own objtool pass at link time makes it.
#include <linux/module.h>
int kmend_t_value(int x)
{
	return x + 2;
}
int kmend_t_other(int x)
{
	return x * 2;
}
