# SPDX-License-Identifier: GPL-2.0
# A worker sleeps inside a function the patch replaces. Per-task: the
# transition stays in progress and names the worker and the function until
# the worker leaves, then completes; kernel threads and idle tasks end on
# the new code. Atomic: the patch is refused with EBUSY while the function
# is on the stack, and accepted after.
. ./lib.sh
P=kmend_test_patch
start_test consistency-blocked
load_target
wait_for 10 grep -qx 1 $TP/idle_seen
wait_for 10 grep -qx 1 $TP/kthread_seen

# Per-task.
hold_worker
load_module $P
sleep 2
assert_eq "transition while the worker holds" 1 "$(cat $SYSFS/$P/transition)"
blockers=$(cat $SYSFS/$P/blockers)
echo "blockers: $blockers"
echo "$blockers" | grep -qE '^[0-9]+ kworker/[^ ]* kmend_test_pair$' ||
	fail "blockers do not name the worker in kmend_test_pair: '$blockers'"
kmend info $P | grep -q kmend_test_pair || fail "kmend info does not name the blocker"
write 0 $TP/hold
wait_for 10 transition_done $P
assert_eq "calls mixing old and new" 0 "$(cat $TP/mixed)"
write 3 $TP/call
assert_eq "calls after the transition" 0 "$(cat $TP/mixed)"
wait_for 10 grep -qx 2 $TP/kthread_seen
pass "the kernel thread runs the new code"
wait_for 10 grep -qx 2 $TP/idle_seen
pass "idle tasks run the new code"
run kmend unload $P
wait_for 10 grep -qx 1 $TP/kthread_seen

# Atomic.
hold_worker
must_fail kmend load $TESTMODS/$P.ko consistency=1
dmesg | grep -qE "kmend: 'kmend_test_patch': cannot switch atomically: task [0-9]+ \(kworker/[^)]*\) is in kmend_test_pair" ||
	fail "the atomic refusal does not name the worker and the function"
module_loaded $P && fail "$P stayed loaded after the refusal"
write 0 $TP/hold
run kmend load $TESTMODS/$P.ko consistency=1
assert_eq "consistency" atomic "$(cat $SYSFS/$P/consistency)"
write 2 $TP/call
assert_eq "calls mixing old and new" 0 "$(cat $TP/mixed)"
run kmend unload $P
run rmmod $T
run rmmod kmend
pass consistency-blocked
