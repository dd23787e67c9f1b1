# SPDX-License-Identifier: GPL-2.0
# The helpers of a per-task transition (the task works that switch user
# tasks on their way out of the kernel) against the steps that change what
# they read, made deterministic by kmend_test_inject's delays and faults:
# - a reversal waits for a task work in the middle of its check, so none
#   writes the abandoned target after the reversal;
# - out of memory for the stack ranges when an object comes mid-transition
#   only delays it: the next pass builds them again and it completes;
# - tasks that come and go during a long transition do not pile up in the
#   table: task_struct slab objects stay bounded over 1000 forks;
# - ending a transition does not wait, under kmend_mutex, for a task work
#   that has not run (one stuck behind another task work, which
#   kmend_test_taskwork queues).
# Also: a CPU taken down and brought up during a transition.
. ./lib.sh
T2=kmend_test_target2
P=kmend_test_patch
C=kmend_test_callbacks
I=kmend_test_inject
IP=/sys/module/$I/parameters
TW=kmend_test_taskwork
TWP=/sys/module/$TW/parameters
CPU1=/sys/devices/system/cpu/cpu1
FORKS_ROUNDS=20
FORKS_EACH=50
start_test quiesce
load_target

# sleeper: a user task held in the target's old pair(), in $W.
sleeper() {
	log "echo 1 > $TP/sleep &"
	echo 1 > $TP/sleep &
	W=$!
	sleep 0.5
}

task_structs() {
	awk '$1 == "task_struct" { print $2 }' /proc/slabinfo
}

# A reversal quiesces the task work checking the sleeper's stack (1.5 s).
hold_worker
sleeper
W1=$W
run insmod $TESTMODS/$I.ko symbol=kmend_check_stack pid=$W1 delay_ms=1500
load_module $P
wait_for 10 grep -qx 1 $IP/hits
write 0 $SYSFS/$P/enabled
assert_eq "checks ended before the reversal returned" 1 "$(cat $IP/done)"
wait_for 10 transition_done $P
# Switched back while asleep again in the old pair(), the sleeper holds the
# module's parameter lock: a real signal ends it.
kill $W 2>/dev/null || true
wait $W || true
write 0 $TP/hold
assert_eq "mixed calls" 0 "$(cat $TP/mixed)"
run rmmod $P
run rmmod $I

# No memory for the ranges when an object comes: the next pass retries.
hold_worker
run insmod $TESTMODS/$I.ko symbol=kmend_stack_ranges_build caller=kmend_refresh_transition ret=-12
load_module $C $T2
assert_eq "ranges refused once" 1 "$(cat $IP/done)"
write 0 $TP/hold
wait_for 10 transition_done $C
run kmend unload $C
run rmmod $T2
run rmmod $I

# 1000 short-lived tasks during a held transition.
hold_worker
load_module $P
before=$(task_structs)
run $TESTMODS/kmend-test-forks $FORKS_ROUNDS $FORKS_EACH 300
after=$(task_structs)
assert_eq "still in transition" 1 "$(cat $SYSFS/$P/transition)"
[ $((after - before)) -lt $((FORKS_ROUNDS * FORKS_EACH / 2)) ] ||
	fail "task_struct objects grew by $((after - before)) over $((FORKS_ROUNDS * FORKS_EACH)) forks"
pass "task_struct objects grew by $((after - before)) over $((FORKS_ROUNDS * FORKS_EACH)) forks"
write 0 $TP/hold
wait_for 10 transition_done $P
run kmend unload $P

# An offline CPU's idle task is switched by the full pass, with CPU
# hotplug held off; the CPU comes back up while the transition runs.
hold_worker
write 0 $CPU1/online
load_module $P
sleep 0.5
grep -q "^0 swapper/1 " $SYSFS/$P/blockers &&
	fail "the idle task of offline cpu1 blocks: $(cat $SYSFS/$P/blockers)"
pass "the idle task of offline cpu1 does not block"
write 1 $CPU1/online
write 0 $TP/hold
wait_for 10 transition_done $P
wait_for 10 grep -qx 2 $TP/idle_seen
assert_eq "mixed calls" 0 "$(cat $TP/mixed)"
run kmend unload $P

# Forcing the end does not wait for kmend's task work on the sleeper,
# stuck behind a newer one that sleeps 3 s once the fake signal came.
hold_worker
sleeper
load_module $P
grep -q "^$W " $SYSFS/$P/blockers || fail "the sleeper $W does not block"
run insmod $TESTMODS/$TW.ko pid=$W ms=3000
wait_for 10 eval '! grep -q "^$W " $SYSFS/$P/blockers'
write 1 $SYSFS/$P/force
assert_eq "force returned before the task works ran" 0 "$(cat $TWP/done)"
wait_for 10 grep -qx 1 $TWP/done
write 0 $TP/hold
wait $W || fail "the sleeper's write failed"
run rmmod $TW
pass quiesce

# cb HOOK [OBJECT...]: the lines of $C's HOOK callback for each OBJECT,
# vmlinux, $T and $T2 (both LIVE) unless named.
cb() {
	local hook=$1
	shift
	[ $# -gt 0 ] || set -- vmlinux "$T [LIVE]" "$T2 [LIVE]"
	callbacks $C $hook "$@"
}
expect_log <<END
$(target_loaded)
% echo 1 > $TP/hold
% echo 1 > $TP/sleep &
% insmod $TESTMODS/$I.ko symbol=kmend_check_stack pid=$W1 delay_ms=1500
$(held_and_reversed $P)
% rmmod $I
% echo 1 > $TP/hold
% insmod $TESTMODS/$I.ko symbol=kmend_stack_ranges_build caller=kmend_refresh_transition ret=-12
% insmod $TESTMODS/$C.ko
$(enabling $C "$(cb pre_patch vmlinux "$T [LIVE]")")
% insmod $TESTMODS/$T2.ko
$(cb pre_patch "$T2 [COMING]")
kmend: applying patch '$C' to loading module '$T2'
kmend: '$C': out of memory for the stack check, retrying
% echo 0 > $TP/hold
$(patched $C "$(cb post_patch)")
% kmend unload $C
$(unloading $C "$(cb pre_unpatch)" "$(cb post_unpatch)")
% rmmod $T2
% rmmod $I
% echo 1 > $TP/hold
% insmod $TESTMODS/$P.ko
$(enabling $P)
% $TESTMODS/kmend-test-forks 20 50 300
% echo 0 > $TP/hold
$(patched $P)
% kmend unload $P
$(unloading $P)
% echo 1 > $TP/hold
% echo 0 > $CPU1/online
% insmod $TESTMODS/$P.ko
$(enabling $P)
% echo 1 > $CPU1/online
% echo 0 > $TP/hold
$(patched $P)
% kmend unload $P
$(unloading $P)
% echo 1 > $TP/hold
% echo 1 > $TP/sleep &
% insmod $TESTMODS/$P.ko
$(enabling $P)
% insmod $TESTMODS/$TW.ko pid=$W ms=3000
% echo 1 > $SYSFS/$P/force
kmend: '$P': forcing the patching transition; the patch module can never be removed now
$(patched $P)
% echo 0 > $TP/hold
% rmmod $TW
END
