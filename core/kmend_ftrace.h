/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _KMEND_FTRACE_H
#define _KMEND_FTRACE_H

#include <kmend.h>
#include <linux/ftrace.h>

/**
 * struct kmend_ops - the redirection of one replaced address
 * @node:	entry in the list of every redirected address
 * @addr:	the replaced function (its __fentry__ call site)
 * @func_stack:	kmend_funcs replacing it, newest first
 * @fops:	IPMODIFY ops whose handler picks a replacement per task;
 *		registered unless @fast
 * @dops:	direct-call ops to @stub; registered when @fast
 * @stub:	"add $8,%rsp; jmp <top replacement>", see kmend_fastpath.c
 * @fast:	outside transitions, calls go straight through @stub
 */
struct kmend_ops {
	struct list_head node;
	unsigned long addr;
	struct list_head func_stack;
	struct ftrace_ops fops;
	struct ftrace_ops dops;
	void *stub;
	bool fast;
};

int kmend_patch_func(struct kmend_func *func);
void kmend_unpatch_func(struct kmend_func *func);
struct kmend_func *kmend_func_below(struct kmend_func *func);
int kmend_slow_all(void);
void kmend_fast_all(void);
void kmend_count_ops(unsigned int *all, unsigned int *fast);

/* kmend_fastpath.c */
int kmend_ops_go_fast(struct kmend_ops *ops);
int kmend_ops_go_slow(struct kmend_ops *ops);
unsigned int kmend_stubs_in_use(void);

#endif /* _KMEND_FTRACE_H */
