# SPDX-License-Identifier: GPL-2.0
# A user task sleeping inside a replaced function holds a per-task
# transition only until kmend's fake signal (after a second) interrupts
# the sleep: its system call restarts on the new side and completes, while
# hold stays 1. (The worker that hold=1 also starts is a kernel thread:
# it stays until hold=0.)
. ./lib.sh
P=kmend_test_patch
start_test consistency-signal
load_target
write 1 $TP/hold
log "echo 1 > $TP/sleep &"
echo 1 > $TP/sleep &
sleeper=$!
sleep 0.5
load_module $P
grep -q "^$sleeper .* kmend_test_pair$" $SYSFS/$P/blockers ||
	fail "the sleeper $sleeper is not named among the blockers: $(cat $SYSFS/$P/blockers)"
pass "the sleeper holds the transition"
# sleeper_blocks: the sleeper is still among the blockers.
sleeper_blocks() {
	grep -q "^$sleeper " $SYSFS/$P/blockers
}
wait_for 10 eval '! sleeper_blocks'
pass "the fake signal moved the sleeper while hold is still 1"
wait $sleeper || fail "the sleeper's write failed"
pass "the sleeper's write restarted and completed"
assert_eq "transition, held by the worker" 1 "$(cat $SYSFS/$P/transition)"
write 0 $TP/hold
wait_for 10 transition_done $P
assert_eq "mixed calls" 0 "$(cat $TP/mixed)"
assert_eq "calls" 2 "$(cat $TP/calls)"
run kmend unload $P
run rmmod $T
run rmmod kmend
pass consistency-signal
