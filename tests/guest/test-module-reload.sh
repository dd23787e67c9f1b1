# SPDX-License-Identifier: GPL-2.0
# A patched module can be removed and loaded again any number of times: it
# is patched on each load (before its init runs) and unpatched as it goes.
. ./lib.sh
P=kmend_test_patch
start_test module-reload
load_kmend
load_patch $P
assert_eq "$T patched before it is loaded" 0 "$(cat $SYSFS/$P/$T/patched)"
i=1
while [ $i -le 5 ]; do
	run insmod $TESTMODS/$T.ko
	assert_eq "load $i: patched" 1 "$(cat $SYSFS/$P/$T/patched)"
	wait_for 10 grep -qx 2 $TP/kthread_seen
	write 2 $TP/call
	assert_eq "load $i: mixed calls" 0 "$(cat $TP/mixed)"
	run rmmod $T
	assert_eq "unload $i: patched" 0 "$(cat $SYSFS/$P/$T/patched)"
	i=$((i + 1))
done
run kmend unload $P
load_module $T
wait_for 10 grep -qx 1 $TP/kthread_seen
pass "original code once the patch is gone"
run rmmod $T
run rmmod kmend
pass module-reload
