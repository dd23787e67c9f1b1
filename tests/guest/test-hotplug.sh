# SPDX-License-Identifier: GPL-2.0
# CPU hotplug during transitions. The idle task of an offline CPU switches
# at once; a CPU coming up runs its idle task before it counts as online,
# so the pass that switches that idle task must hold CPU hotplug off
# (cpus_read_lock()): kmend_test_hotplug's idle task of CPU 1, coming up,
# runs the new produce(), and the patch is reversed while it spins before
# consume(); a pass that took it for offline would send it to the old
# consume() (a mixed call). Then CPU 1 goes down and up again and again
# while per-task and atomic transitions run: each one completes, with
# sysfs and the functions agreeing.
. ./lib.sh
H=kmend_test_hotplug
HP=/sys/module/$H/parameters
P=kmend_test_hotplug_patch
CPU1=/sys/devices/system/cpu/cpu1/online
start_test hotplug
load_kmend
load_module $H

write 0 $CPU1
hold_worker $HP
load_module $P
assert_eq "transition while held" 1 "$(cat $SYSFS/$P/transition)"
blockers=$(cat $SYSFS/$P/blockers)
echo "blockers: $blockers"
echo "$blockers" | grep -qE '^[0-9]+ kworker/[^ ]* kmend_test_hotplug_pair$' ||
	fail "the held worker is not a blocker: '$blockers'"
! echo "$blockers" | grep -q 'swapper/1' ||
	fail "the idle task of offline CPU 1 was not switched: '$blockers'"

write 1 $HP/armed
log "echo 1 > $CPU1 &"
echo 1 > $CPU1 &
up=$!
wait_for 30 grep -qx 1 $HP/inside
write 0 $SYSFS/$P/enabled
wait $up || fail "bringing CPU 1 up failed"
wait_for 30 transition_done $P
assert_eq "CPU 1 online" 1 "$(cat $CPU1)"
assert_eq "calls by the incoming idle task" 1 "$(cat $HP/hits)"
assert_eq "mixed calls" 0 "$(cat $HP/mixed)"
assert_eq "enabled after the reversal" 0 "$(cat $SYSFS/$P/enabled)"
write 0 $HP/hold
run rmmod $P

log "CPU 1 goes down and up again, over and over, in the background"
stop=/tmp/hotplug-stop
rm -f $stop
(
	n=0
	while [ ! -e $stop ]; do
		echo 0 > $CPU1 && echo 1 > $CPU1 || exit 1
		n=$((n + 1))
	done
	echo "$n" > $stop
) &
cycler=$!
for c in 0 1; do
	for i in 1 2 3; do
		run insmod $TESTMODS/$P.ko consistency=$c
		wait_for 60 transition_done $P
		assert_eq "enabled ($c, $i)" 1 "$(cat $SYSFS/$P/enabled)"
		assert_eq "patched ($c, $i)" 1 "$(cat $SYSFS/$P/$H/patched)"
		grep -q '^kmend_test_hotplug_produce ' $TRACING/enabled_functions ||
			fail "produce() not in enabled_functions while patched"
		set_enabled $P 0
		assert_eq "patched after disable ($c, $i)" 0 "$(cat $SYSFS/$P/$H/patched)"
		run rmmod $P
	done
done
touch $stop
wait $cycler || fail "the hotplug cycle failed"
echo "hotplug cycles: $(cat $stop)"
[ "$(cat $stop)" -gt 0 ] || fail "CPU 1 never went down during the transitions"
assert_eq "CPU 1 online at the end" 1 "$(cat $CPU1)"
assert_eq "mixed calls at the end" 0 "$(cat $HP/mixed)"
run rmmod $H

# the transitions of the loop, per-task then atomic
loop_lines() {
	local c i
	for c in 0 1; do
		for i in 1 2 3; do
			echo "% insmod $TESTMODS/$P.ko consistency=$c"
			enabling $P
			[ $c = 0 ] || echo "kmend: '$P': machine stopped for N us"
			patched $P
			echo "% echo 0 > $SYSFS/$P/enabled"
			disabling $P
			[ $c = 0 ] || echo "kmend: '$P': machine stopped for N us"
			unpatched $P
			echo "% rmmod $P"
			echo "kmend: patch '$P' removed"
		done
	done
}

expect_log <<END
% insmod $KMEND_KO
kmend: ready
% insmod $TESTMODS/$H.ko
% echo 0 > $CPU1
% echo 1 > $HP/hold
% insmod $TESTMODS/$P.ko
$(enabling $P)
% echo 1 > $HP/armed
% echo 1 > $CPU1 &
% echo 0 > $SYSFS/$P/enabled
$(reversed $P)
% echo 0 > $HP/hold
% rmmod $P
kmend: patch '$P' removed
% CPU 1 goes down and up again, over and over, in the background
$(loop_lines)
% rmmod $H
END
