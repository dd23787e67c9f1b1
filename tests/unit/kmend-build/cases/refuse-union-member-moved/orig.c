// A member of an anonymous union in a struct, moved (the union's members
// count as the struct's, as C names them), the struct's size unchanged:
// refused, naming the struct and the member.
#include <linux/module.h>
struct kmend_t_conf {
	int a;
	union {
		struct {
			int lo;
			int hi;
		};
		long b;
	};
};
int kmend_t_get(struct kmend_t_conf *c)
{
	return c->a + c->hi;
}
