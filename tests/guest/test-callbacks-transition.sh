# SPDX-License-Identifier: GPL-2.0
# Callbacks and transitions: a busy target module holds the transition,
# so post_patch runs only once the last task has switched; a cumulative
# patch that supersedes the callbacks patch runs no callback for the
# object it takes over (vmlinux) and unpatch callbacks for the one it
# drops (kmend_test_target).
. ./lib.sh
T=kmend_test_target
P=kmend_test_callbacks
R=kmend_test_replace
TP=/sys/module/$T/parameters
start_test callbacks-transition
load_kmend
run insmod $TESTMODS/$T.ko
write 1 $TP/hold
sleep 0.5
run insmod $TESTMODS/$P.ko
sleep 1
assert_eq "transition held by the busy target" 1 "$(cat $SYSFS/$P/transition)"
write 0 $TP/hold
wait_for 10 transition_done $P
run kmend load $TESTMODS/$R.ko
assert_eq "$P enabled" 0 "$(cat $SYSFS/$P/enabled)"
run rmmod $P
run kmend unload $R
run rmmod $T

expect_log <<END
% insmod /kmend/kmend.ko
kmend: ready
% insmod $TESTMODS/$T.ko
% echo 1 > $TP/hold
% insmod $TESTMODS/$P.ko
kmend: enabling patch '$P'
kmend: '$P': initializing patching transition
kmend_test_callbacks: pre_patch: vmlinux
kmend_test_callbacks: pre_patch: $T [LIVE]
kmend: '$P': starting patching transition
% echo 0 > $TP/hold
kmend: '$P': completing patching transition
kmend_test_callbacks: post_patch: vmlinux
kmend_test_callbacks: post_patch: $T [LIVE]
kmend: '$P': patching complete
kmend: '$P': transition took N us
% kmend load $TESTMODS/$R.ko
kmend: enabling patch '$R'
kmend_test_callbacks: pre_unpatch: $T [LIVE]
kmend: '$R': initializing patching transition
kmend: '$R': starting patching transition
kmend: '$R': completing patching transition
kmend_test_callbacks: post_unpatch: $T [LIVE]
kmend: patch '$P' replaced by '$R'
kmend: '$R': patching complete
kmend: '$R': transition took N us
% rmmod $P
kmend: patch '$P' removed
% kmend unload $R
kmend: disabling patch '$R'
kmend: '$R': initializing unpatching transition
kmend: '$R': starting unpatching transition
kmend: '$R': completing unpatching transition
kmend: '$R': unpatching complete
kmend: '$R': transition took N us
kmend: patch '$R' removed
% rmmod $T
END
