# SPDX-License-Identifier: GPL-2.0
# A replace that ends on the old side (reversed) clears the marks of the
# patches it would have replaced in the order the handler reads them:
# func->transition first, func->replaced only once no handler can still
# see transition set (kmend_replace_abort()). A handler that read
# transition set and replaced clear would send a task of the old side
# below the old patch, to the original code. kmend_test_window holds the
# clearing of func->transition up for 500 ms at the entry of
# kmend_clear_mark() (in the task completing the transition, on the old
# side as every task then) and calls kmend_test_hotplug's produce() all
# the while: every call must give the old patch's format 2. With replaced
# cleared first, each call in that time gave the original's 1.
. ./lib.sh
H=kmend_test_hotplug
HP=/sys/module/$H/parameters
P=kmend_test_hotplug_patch
PP=/sys/module/$P/parameters
R=kmend_test_replace
W=kmend_test_window
WP=/sys/module/$W/parameters
start_test replace-abort
load_kmend
load_module $H $P
wait_for 10 transition_done $P
load_module $W

write 1 $PP/hold
hold_worker $HP
load_module $R
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
write 0 $HP/hold
assert_eq "$P enabled" 1 "$(cat $SYSFS/$P/enabled)"
assert_eq "$R enabled" 0 "$(cat $SYSFS/$R/enabled)"
assert_eq "mixed calls" 0 "$(cat $HP/mixed)"
assert_eq "/proc/cmdline" "$CMDLINE" "$(cat /proc/cmdline)"
run rmmod $W
run rmmod $R
set_enabled $P 0
run rmmod $P
run rmmod $H

expect_log <<END
% insmod $KMEND_KO
kmend: ready
% insmod $TESTMODS/$H.ko
% insmod $TESTMODS/$P.ko
$(patching $P)
% insmod $TESTMODS/$W.ko
% echo 1 > $PP/hold
% echo 1 > $HP/hold
% insmod $TESTMODS/$R.ko
$(enabling $R)
% echo 1 > $WP/armed
% echo 0 > $SYSFS/$R/enabled
$(reversed $R)
% echo 0 > $PP/hold
% echo 0 > $HP/hold
% rmmod $W
% rmmod $R
kmend: patch '$R' removed
% echo 0 > $SYSFS/$P/enabled
$(unpatching $P)
% rmmod $P
kmend: patch '$P' removed
% rmmod $H
END
