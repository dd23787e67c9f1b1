// In vmlinux, the padding after a function may be one run of nops that
// goes past the next 16-byte boundary (Debian 13's kernel fills the gap
// and the next function's prefix with 10-byte "cs nopw"): the function
// still fits (setup builds such an image from the compiled code).
#include <linux/module.h>
static int kmend_t_state;
int kmend_t_value(int x)
{
	return x - kmend_t_state;
}
void kmend_t_set(int v)
{
	kmend_t_state = v;
}
