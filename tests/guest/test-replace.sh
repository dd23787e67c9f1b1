# SPDX-License-Identifier: GPL-2.0
# A cumulative patch supersedes every enabled patch in one transition: the
# function it replaces shows its code, the functions only the earlier
# patches replaced go back to their original code, and the earlier patches
# end disabled and removable. replace and stack_order say so.
. ./lib.sh
A=kmend_test_stack_a
P=kmend_test_patch
R=kmend_test_replace
start_test replace
load_target
load_patch $A $P
wait_for 10 grep -qx 2 $TP/kthread_seen
assert_eq "/proc/cmdline before" kmend-stack-a "$(cat /proc/cmdline)"
assert_eq "stack_order of $P" 2 "$(cat $SYSFS/$P/stack_order)"

load_patch $R
assert_eq "/proc/cmdline replaced" kmend-test-replace "$(cat /proc/cmdline)"
wait_for 10 grep -qx 1 $TP/kthread_seen
pass "functions the cumulative patch drops run their original code"
write 4 $TP/call
assert_eq "mixed calls" 0 "$(cat $TP/mixed)"
assert_eq "$A enabled" 0 "$(cat $SYSFS/$A/enabled)"
assert_eq "$P enabled" 0 "$(cat $SYSFS/$P/enabled)"
assert_eq "$R replace" 1 "$(cat $SYSFS/$R/replace)"
assert_eq "$A replace" 0 "$(cat $SYSFS/$A/replace)"
assert_eq "stack_order of $R" 3 "$(cat $SYSFS/$R/stack_order)"
run rmmod $A
run rmmod $P
assert_eq "stack_order of $R alone" 1 "$(cat $SYSFS/$R/stack_order)"
run kmend unload $R
assert_eq "/proc/cmdline at the end" "$CMDLINE" "$(cat /proc/cmdline)"
run rmmod $T
run rmmod kmend
pass replace
