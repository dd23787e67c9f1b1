// A constant passed to an ordinary function is not a line number: changing
// it is a change (the line-number tolerance must not hide it).
#include <linux/module.h>
void kmend_t_sink(const char *what, int value);
int kmend_t_check(int x)
{
	kmend_t_sink("kmend_t.c", 9);
	return x + 1;
}
