// A member added to a struct that existing code uses (as a changed header
// would), though no data of the file changes: refused, naming the struct
// and the member, from the objects' DWARF. A struct only the patched file
// defines is new, and fine.
#include <linux/module.h>
struct kmend_t_conf {
	int a;
	union {
		long b;
		void *p;
	};
	int flags;
};
struct kmend_t_new {
	int x;
};
int kmend_t_get(struct kmend_t_conf *c)
{
	struct kmend_t_new n = { c->flags };

	return c->a + c->b + n.x;
}
