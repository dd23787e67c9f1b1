# SPDX-License-Identifier: GPL-2.0
# Callbacks and transitions: a busy target module holds the transition,
# so post_patch runs only once the last task has switched; a cumulative
# patch that supersedes the callbacks patch runs no callback for the
# object it takes over (vmlinux) and unpatch callbacks for the one it
# drops (kmend_test_target).
. ./lib.sh
P=kmend_test_callbacks
R=kmend_test_replace
start_test callbacks-transition
load_target
hold_worker
load_module $P
sleep 1
assert_eq "transition held by the busy target" 1 "$(cat $SYSFS/$P/transition)"
write 0 $TP/hold
wait_for 10 transition_done $P
load_patch $R
assert_eq "$P enabled" 0 "$(cat $SYSFS/$P/enabled)"
run rmmod $P
run kmend unload $R
run rmmod $T

expect_log <<END
$(target_loaded)
% echo 1 > $TP/hold
% insmod $TESTMODS/$P.ko
$(enabling $P "$(callbacks $P pre_patch vmlinux "$T [LIVE]")")
% echo 0 > $TP/hold
$(patched $P "$(callbacks $P post_patch vmlinux "$T [LIVE]")")
% kmend load $TESTMODS/$R.ko
kmend: enabling patch '$R'
$(callbacks $P pre_unpatch "$T [LIVE]")
kmend: '$R': initializing patching transition
kmend: '$R': starting patching transition
$(patched $R "$(callbacks $P post_unpatch "$T [LIVE]")" "kmend: patch '$P' replaced by '$R'")
% rmmod $P
kmend: patch '$P' removed
% kmend unload $R
$(unpatching $R)
kmend: patch '$R' removed
% rmmod $T
END
