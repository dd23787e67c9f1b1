// Only a string literal changes: the code is the same bytes, but the
// string it points to differs, so the function changed.
#include <linux/module.h>
#include <linux/seq_file.h>
int kmend_t_show(struct seq_file *m, void *v)
{
	seq_puts(m, "kmend_t: old text\n");
	return 0;
}
