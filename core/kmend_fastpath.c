// SPDX-License-Identifier: GPL-2.0
/*
 * kmend_fastpath.c - once a transition is over, a call to a replaced
 * function costs about a direct jump.
 *
 * During a transition every call goes through ftrace's trampoline and the
 * IPMODIFY handler, which picks a replacement per task. Afterwards the
 * choice is the same for every task, so each address gets an ftrace direct
 * call to a stub of its own, "add $8,%rsp; jmp <replacement>": the stub
 * drops the return address into the old body that the __fentry__ call
 * pushed and jumps to the replacement, which returns to the caller.
 * kGraft's "a JMP remains forever", without writing behind ftrace's back.
 *
 * Handing over: both ops are registered for a moment, which ftrace allows
 * only when the direct ops' ops_func agrees (kmend_share_ipmodify()). While
 * both are there, ftrace_regs_caller runs the handler and then returns into
 * the stub, which jumps to the stub's replacement: the one every task gets
 * anyway, since a handover happens only when no task is between sides
 * (after a transition, or before one starts). No call ever reaches the old
 * code in between. Any other IPMODIFY user (the kernel's livepatch, a kprobe
 * with a post handler) is refused as before.
 *
 * Stubs live in kmend.ko's own text, written with text_poke(); the
 * unwinder has no ORC data for them, so a task interrupted inside a stub
 * counts as unreliable for that one check. Everything here runs under
 * kmend_mutex.
 */
#define pr_fmt(fmt) "kmend: " fmt

#include <linux/bitmap.h>
#include <linux/ftrace.h>
#include <linux/objtool.h>
#include <linux/string.h>
#include "kmend_core.h"
#include "kmend_ftrace.h"
#include "kmend_symbols.h"

#define KMEND_STUB_SIZE		16
#define KMEND_NR_STUBS		256

/*
 * int3-filled until a stub is written; executable, read-only mapped. No
 * ENDBR64: a stub is entered by the direct call at an __fentry__ site or
 * by ftrace_regs_caller's ret, never by an indirect branch.
 */
asm(".pushsection .text.kmend_stubs, \"ax\"\n"
    ".balign 4096\n"
    ".globl kmend_stub_area\n"
    "kmend_stub_area:\n"
    ANNOTATE_NOENDBR
    ".fill " __stringify(KMEND_NR_STUBS * KMEND_STUB_SIZE) ", 1, 0xcc\n"
    ".popsection\n");
extern u8 kmend_stub_area[];

static DECLARE_BITMAP(kmend_stubs_used, KMEND_NR_STUBS);

/* True while kmend itself puts both of an address's ops on it. */
static bool kmend_sharing;

static void *kmend_stub_alloc(void *target)
{
	u8 code[KMEND_STUB_SIZE];
	unsigned int i;
	u8 *stub;
	s32 rel;

	i = find_first_zero_bit(kmend_stubs_used, KMEND_NR_STUBS);
	if (i == KMEND_NR_STUBS)
		return NULL;
	stub = kmend_stub_area + i * KMEND_STUB_SIZE;
	memset(code, 0xcc, sizeof(code));
	code[0] = 0x48;	code[1] = 0x83; code[2] = 0xc4; code[3] = 0x08;
	code[4] = 0xe9;	/* jmp rel32, from the end of the stub's jmp */
	rel = (s32)((long)target - (long)(stub + 9));
	memcpy(&code[5], &rel, sizeof(rel));

	mutex_lock(kmend_kernel.text_mutex);
	kmend_call(text_poke)(stub, code, sizeof(code));
	kmend_call(text_poke_sync)();
	mutex_unlock(kmend_kernel.text_mutex);
	set_bit(i, kmend_stubs_used);
	return stub;
}

static void kmend_stub_free(void *stub)
{
	clear_bit(((u8 *)stub - kmend_stub_area) / KMEND_STUB_SIZE,
		  kmend_stubs_used);
}

unsigned int kmend_stubs_in_use(void)
{
	return bitmap_weight(kmend_stubs_used, KMEND_NR_STUBS);
}

static int kmend_share_ipmodify(struct ftrace_ops *op, enum ftrace_ops_cmd cmd)
{
	if (cmd == FTRACE_OPS_CMD_DISABLE_SHARE_IPMODIFY_PEER)
		return 0;
	return READ_ONCE(kmend_sharing) ? 0 : -EBUSY;
}

static int kmend_register_direct(struct kmend_ops *ops)
{
	int ret;

	memset(&ops->dops, 0, sizeof(ops->dops));
	ops->dops.ops_func = kmend_share_ipmodify;
	ret = ftrace_set_filter_ip(&ops->dops, ops->addr, 0, 0);
	if (!ret)
		ret = kmend_register_ftrace_direct(&ops->dops,
						   (unsigned long)ops->stub);
	if (ret) {
		ftrace_free_filter(&ops->dops);
		return ret;
	}
	/* Like the handler's ops, it may not be switched off by the sysctl. */
	ops->dops.flags |= FTRACE_OPS_FL_PERMANENT;
	return 0;
}

/**
 * kmend_ops_go_fast() - put @ops on a direct call, if its choice is settled
 *
 * Return: 0 when fast afterwards, else -errno and @ops stays with the
 * handler, which is always correct.
 */
int kmend_ops_go_fast(struct kmend_ops *ops)
{
	struct kmend_func *top;
	int ret;

	lockdep_assert_held(&kmend_mutex);
	if (ops->fast)
		return 0;
	top = list_first_entry(&ops->func_stack, struct kmend_func,
			       stack_node);
	if (READ_ONCE(top->transition))
		return -EBUSY;
	ops->stub = kmend_stub_alloc(top->new_func);
	if (!ops->stub)
		return -ENOSPC;

	WRITE_ONCE(kmend_sharing, true);
	ret = kmend_register_direct(ops);
	if (!ret) {
		ret = unregister_ftrace_function(&ops->fops);
		if (WARN_ON(ret))
			kmend_unregister_ftrace_direct(&ops->dops,
						       (unsigned long)ops->stub);
	}
	WRITE_ONCE(kmend_sharing, false);
	if (ret) {
		kmend_stub_free(ops->stub);
		ops->stub = NULL;
		return ret;
	}
	ops->fast = true;
	return 0;
}

/**
 * kmend_ops_go_slow() - give @ops back to the handler
 *
 * Return: 0, or -errno with @ops still fast (the caller must not start a
 * transition then).
 */
int kmend_ops_go_slow(struct kmend_ops *ops)
{
	int ret;

	lockdep_assert_held(&kmend_mutex);
	if (!ops->fast)
		return 0;
	WRITE_ONCE(kmend_sharing, true);
	ret = register_ftrace_function(&ops->fops);
	if (!ret) {
		ops->dops.flags &= ~FTRACE_OPS_FL_PERMANENT;
		WARN_ON(kmend_unregister_ftrace_direct(&ops->dops,
						       (unsigned long)ops->stub));
		ftrace_free_filter(&ops->dops);
	}
	WRITE_ONCE(kmend_sharing, false);
	if (ret) {
		pr_err("cannot give %ps back to the handler (%d)\n",
		       (void *)ops->addr, ret);
		return ret;
	}
	kmend_stub_free(ops->stub);
	ops->stub = NULL;
	ops->fast = false;
	return 0;
}
