// In a module, the exports of a module it depends on (kmend_t_prov) go
// through livepatch relocations of that module's symbols, applied with
// the patched module's, so the patch loads while both are absent; the
// export of a module it does not depend on (kmend_t_loose) stays plain.
#include <linux/module.h>
int kmend_t_prov_fn(int x);
int kmend_t_loose_fn(int x);
int kmend_t_work(int x)
{
	return kmend_t_prov_fn(x) + kmend_t_loose_fn(x);
}
