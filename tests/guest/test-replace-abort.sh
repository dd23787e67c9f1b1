# SPDX-License-Identifier: GPL-2.0
# A replace that ends on the old side (reversed) clears the marks of the
# patches it would have replaced in the order the handler reads them:
# func->transition first, func->replaced only once no handler can still
# see transition set (kmend_replace_abort()). A handler that read
# transition set and replaced clear would send a task of the old side
# below the old patch, to the original code. kmend_test_window holds the
# clearing of func->transition up for 500 ms at the entry of
# kmend_clear_mark() while a kernel thread on each CPU calls produce():
# every call must give the old patch's format 2. With replaced cleared
# first, each call in that time gave the original's 1.
. ./lib.sh
P=kmend_test_patch
PP=/sys/module/$P/parameters
R=kmend_test_replace
W=kmend_test_window
WP=/sys/module/$W/parameters
start_test replace-abort
load_target
run insmod $TESTMODS/$P.ko
wait_for 10 grep -qx 2 $TP/kthread_seen
run insmod $TESTMODS/$W.ko

write 1 $PP/hold
hold_worker
run insmod $TESTMODS/$R.ko
assert_eq "transition while held" 1 "$(cat $SYSFS/$R/transition)"
write 1 $WP/armed
write 0 $SYSFS/$R/enabled
wait_for 30 transition_done $R
assert_eq "clears held up" 1 "$(cat $WP/hits)"
samples=$(cat $WP/samples)
echo "calls of produce() while held up: $samples"
[ "$samples" -gt 0 ] || fail "no call of produce() while the clear was held up"
assert_eq "calls that left the old patch" 0 "$(cat $WP/wrong)"

write 0 $PP/hold
write 0 $TP/hold
assert_eq "$P enabled" 1 "$(cat $SYSFS/$P/enabled)"
assert_eq "$R enabled" 0 "$(cat $SYSFS/$R/enabled)"
write 4 $TP/call
assert_eq "mixed calls" 0 "$(cat $TP/mixed)"
wait_for 10 grep -qx 2 $TP/kthread_seen
assert_eq "/proc/cmdline" "$CMDLINE" "$(cat /proc/cmdline)"
run rmmod $W
run rmmod $R

expect_log <<END
$(target_loaded)
% insmod $TESTMODS/$P.ko
$(patching $P)
% insmod $TESTMODS/$W.ko
% echo 1 > $PP/hold
% echo 1 > $TP/hold
% insmod $TESTMODS/$R.ko
$(enabling $R)
% echo 1 > $WP/armed
% echo 0 > $SYSFS/$R/enabled
$(reversed $R)
% echo 0 > $PP/hold
% echo 0 > $TP/hold
% echo 4 > $TP/call
% rmmod $W
% rmmod $R
kmend: patch '$R' removed
END
