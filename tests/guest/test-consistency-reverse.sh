# SPDX-License-Identifier: GPL-2.0
# A per-task transition held up by a worker is reversed by writing the
# opposite value to enabled, and ends on the old code without mixing, and
# without waiting for the worker, which never left the old side.
# Another is forced: it completes at once, and the forced patch module can
# never be removed.
. ./lib.sh
P=kmend_test_patch
start_test consistency-reverse
load_target

hold_worker
load_module $P
assert_eq "transition while held" 1 "$(cat $SYSFS/$P/transition)"
write 0 $SYSFS/$P/enabled
# The held worker never left the old side: the reversal need not wait.
wait_for 10 transition_done $P
write 0 $TP/hold
assert_eq "enabled after the reversal" 0 "$(cat $SYSFS/$P/enabled)"
assert_eq "module object unpatched" 0 "$(cat $SYSFS/$P/$T/patched)"
wait_for 10 grep -qx 1 $TP/kthread_seen
assert_eq "mixed calls" 0 "$(cat $TP/mixed)"
run rmmod $P

hold_worker
load_module $P
assert_eq "transition while held" 1 "$(cat $SYSFS/$P/transition)"
write 1 $SYSFS/$P/force
assert_eq "transition after force" 0 "$(cat $SYSFS/$P/transition)"
assert_eq "enabled after force" 1 "$(cat $SYSFS/$P/enabled)"
write 0 $TP/hold
set_enabled $P 0
must_fail rmmod $P

expect_log <<END
$(target_loaded)
% echo 1 > $TP/hold
$(held_and_reversed $P)
% echo 1 > $TP/hold
% insmod $TESTMODS/$P.ko
$(enabling $P)
% echo 1 > $SYSFS/$P/force
kmend: '$P': forcing the patching transition; the patch module can never be removed now
$(patched $P)
% echo 0 > $TP/hold
% echo 0 > $SYSFS/$P/enabled
$(unpatching $P)
% rmmod $P
END
