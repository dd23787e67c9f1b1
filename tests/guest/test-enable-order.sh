# SPDX-License-Identifier: GPL-2.0
# A registered patch whose enabling fails stays where it was in the list
# of patches (stack_order): "nothing was changed". kmend_test_patch,
# atomic, disabled, under kmend_test_stack_a; enabling it again fails
# while the target's worker sleeps in pair() (-EBUSY from the atomic
# switch), and both stack orders must read as before.
. ./lib.sh
A=kmend_test_stack_a
P=kmend_test_patch
start_test enable-order
load_target
run insmod $TESTMODS/$P.ko consistency=1
set_enabled $P 0
load_module $A
assert_eq "stack_order of $P" 1 "$(cat $SYSFS/$P/stack_order)"
assert_eq "stack_order of $A" 2 "$(cat $SYSFS/$A/stack_order)"
before=$(kmend_state)

hold_worker
must_fail_write 1 $SYSFS/$P/enabled "the worker sleeps in pair()"
assert_unchanged "failed enable" "$before"
assert_eq "stack_order of $P after the failed enable" 1 "$(cat $SYSFS/$P/stack_order)"
assert_eq "stack_order of $A after the failed enable" 2 "$(cat $SYSFS/$A/stack_order)"
write 0 $TP/hold

set_enabled $P 1
assert_eq "stack_order of $P enabled" 2 "$(cat $SYSFS/$P/stack_order)"
set_enabled $P 0
set_enabled $A 0
run rmmod $A
run rmmod $P

# the steps, and what kmend.ko says of each patch (the atomic switch's
# own lines name the worker's pid)
expect_log '^(% |kmend: (enabling|disabling|patch|ready))' <<END
$(target_loaded)
% insmod $TESTMODS/$P.ko consistency=1
kmend: enabling patch '$P'
% echo 0 > $SYSFS/$P/enabled
kmend: disabling patch '$P'
% insmod $TESTMODS/$A.ko
kmend: enabling patch '$A'
% echo 1 > $TP/hold
% echo 1 > $SYSFS/$P/enabled (must fail: the worker sleeps in pair())
kmend: enabling patch '$P'
kmend: patch '$P' not enabled, nothing was changed
% echo 0 > $TP/hold
% echo 1 > $SYSFS/$P/enabled
kmend: enabling patch '$P'
% echo 0 > $SYSFS/$P/enabled
kmend: disabling patch '$P'
% echo 0 > $SYSFS/$A/enabled
kmend: disabling patch '$A'
% rmmod $A
kmend: patch '$A' removed
% rmmod $P
kmend: patch '$P' removed
END
