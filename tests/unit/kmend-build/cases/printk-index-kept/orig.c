// .printk_index (CONFIG_PRINTK_INDEX, as printk.h emits it): an entry
// points to a struct pi_entry naming its function through __func__; the
// replaced function's entry is kept with a copy of its pi_entry.
#include <linux/module.h>
struct kmend_t_pi {
	const char *fmt, *func, *file;
	unsigned int line;
	const char *level, *subsys_fmt_prefix;
};
#define kmend_t_index(_fmt) do {					\
	static const struct kmend_t_pi _entry __used = {		\
		.fmt = _fmt, .func = __func__, .file = "kmend_t.c",	\
		.line = __LINE__ };					\
	static const struct kmend_t_pi *_entry_ptr __used		\
		__section(".printk_index") = &_entry;			\
	printk(_fmt);							\
} while (0)
int kmend_t_a(int x)
{
	kmend_t_index("kmend_t a\n");
	return x + 1;
}
int kmend_t_b(int x)
{
	kmend_t_index("kmend_t b\n");
	return x - 1;
}
