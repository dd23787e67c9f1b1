# SPDX-License-Identifier: GPL-2.0
# Two patches replace cmdline_proc_show(): the newest enabled one wins, and
# disabling either falls back to the one still enabled, in both orders.
. ./lib.sh
A=kmend_test_stack_a
B=kmend_test_stack_b
start_test stack
orig=$(cat /proc/cmdline)
load_kmend

# load_both: A, then B on top of it.
load_both() {
	run kmend load $TESTMODS/$A.ko
	run kmend load $TESTMODS/$B.ko
}

# Top first: B, then A, then the original code.
load_both
assert_eq "both enabled" kmend-stack-b "$(cat /proc/cmdline)"
set_enabled $B 0
assert_eq "top disabled" kmend-stack-a "$(cat /proc/cmdline)"
set_enabled $A 0
assert_eq "both disabled" "$orig" "$(cat /proc/cmdline)"
run rmmod $B
run rmmod $A

# Bottom first: B stays on top, then the original code.
load_both
set_enabled $A 0
assert_eq "bottom disabled" kmend-stack-b "$(cat /proc/cmdline)"
run rmmod $A
assert_eq "bottom removed" kmend-stack-b "$(cat /proc/cmdline)"
set_enabled $B 0
assert_eq "both disabled" "$orig" "$(cat /proc/cmdline)"

# A disabled patch enabled again goes on top.
load_patch $A
set_enabled $B 1
assert_eq "re-enabled patch on top" kmend-stack-b "$(cat /proc/cmdline)"
set_enabled $B 0
assert_eq "back to the lower one" kmend-stack-a "$(cat /proc/cmdline)"
run kmend unload $A
run kmend unload $B
assert_eq "all gone" "$orig" "$(cat /proc/cmdline)"
grep -q cmdline_proc_show $TRACING/enabled_functions &&
	fail "cmdline_proc_show is still traced"
run rmmod kmend
pass "stack"
