# SPDX-License-Identifier: GPL-2.0
# produce() and consume() are replaced together: new consume() only
# understands what new produce() makes. Under per-task and atomic no call
# ever mixes old and new, also with writers hammering on every vCPU while
# the patch is enabled and disabled; every writer ends, none is stuck.
# Immediate can mix: a worker held between produce() and consume() of the
# old code calls the new consume() once the switch happened under it. No
# task was checked, so the immediate patch's module can never be removed.
. ./lib.sh
P=kmend_test_patch
CYCLES=10
start_test consistency-mixing
load_target

# hammer_cycles MODEL: enable and disable the patch CYCLES times under load.
hammer_cycles() {
	stop=/tmp/stop-$1
	n=$(($(nproc) * 2)) i=0 pids=
	while [ $i -lt $n ]; do
		$TESTMODS/kmend-test-write $TP/call 5 $stop > /tmp/writer-$1.$i &
		pids="$pids $!"
		i=$((i + 1))
	done
	log "$n writers on $TP/call, $CYCLES cycles with consistency=$1"
	run kmend load $TESTMODS/$P.ko consistency=$1
	c=1
	while [ $c -lt $CYCLES ]; do
		set_enabled $P 0
		set_enabled $P 1
		c=$((c + 1))
	done
	run kmend unload $P
	touch $stop
	for pid in $pids; do
		wait $pid || fail "a writer failed under consistency=$1"
	done
	grep -q 'writes=0$' /tmp/writer-$1.* && fail "a writer made no call"
	pass "consistency=$1: every writer ended, $(cat $TP/calls) calls so far"
}

hammer_cycles 0
assert_eq "mixed calls under per-task" 0 "$(cat $TP/mixed)"
hammer_cycles 1
assert_eq "mixed calls under atomic" 0 "$(cat $TP/mixed)"

# Per-task with a held caller: it finishes on the old side.
hold_worker
run insmod $TESTMODS/$P.ko consistency=0
write 0 $TP/hold
wait_for 10 transition_done $P
assert_eq "mixed calls of a caller held across a per-task switch" 0 "$(cat $TP/mixed)"
run kmend unload $P

# Immediate with a held caller: it mixes.
hold_worker
run kmend load $TESTMODS/$P.ko consistency=2
write 0 $TP/hold
wait_for 10 grep -qx 1 $TP/mixed
pass "immediate mixed old produce() with new consume() once"
assert_eq "immediate patch pinned" 1 "$(cat $SYSFS/$P/forced)"
set_enabled $P 0
must_fail rmmod $P
run rmmod $T
pass consistency-mixing
