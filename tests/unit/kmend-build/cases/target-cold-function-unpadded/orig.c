// In vmlinux, a cold function (__cold, .text.unlikely: aligned to 1) is
// padded only as far as the next symbol's alignment needs, often not at
// all: mm/slub.c's slab_err in 6.1.0-50 ends where restore_bytes begins.
// It still fits (setup builds such an image from the compiled code); it
// was refused as "the source or config does not match the target".
#include <linux/module.h>
static int kmend_t_state;
static noinline __cold void kmend_t_report(int x)
{
	pr_err("kmend_t: %d\n", x);
	kmend_t_state = x;
}
int kmend_t_value(int x)
{
	if (x < 0)
		kmend_t_report(x);
	return x + kmend_t_state;
}
