// New code calling exports of a namespace (EXPORT_SYMBOL_NS): the
// manifest names each namespace once, for the module's MODULE_IMPORT_NS,
// without which modpost refuses the module. A livepatch reference (the
// patched module's own export) needs none.
#include <linux/module.h>
int kmend_t_ns_a(int x);
int kmend_t_ns_b(int x);
int kmend_t_ns_own(int x);
int kmend_t_plain(int x);
int kmend_t_work(int x)
{
	return kmend_t_plain(x);
}
