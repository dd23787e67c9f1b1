# SPDX-License-Identifier: GPL-2.0
# Callbacks with several target modules (each present object gets its own,
# in the patch's order) and with several patches (each patch runs its own,
# the newer one stacked on top).
. ./lib.sh
T=kmend_test_target
T2=kmend_test_target2
P=kmend_test_callbacks
P2=kmend_test_callbacks2
start_test callbacks-multi
load_kmend
run insmod $TESTMODS/$T.ko
run insmod $TESTMODS/$T2.ko
run kmend load $TESTMODS/$P.ko
run kmend load $TESTMODS/$P2.ko
assert_eq "/proc/cmdline" kmend-test-callbacks "$(cat /proc/cmdline)"
run kmend unload $P2
run kmend unload $P
run rmmod $T2
run rmmod $T

expect_log <<END
% insmod /kmend/kmend.ko
kmend: ready
% insmod $TESTMODS/$T.ko
% insmod $TESTMODS/$T2.ko
% kmend load $TESTMODS/$P.ko
kmend: enabling patch '$P'
kmend: '$P': initializing patching transition
$P: pre_patch: vmlinux
$P: pre_patch: $T [LIVE]
$P: pre_patch: $T2 [LIVE]
kmend: '$P': starting patching transition
kmend: '$P': completing patching transition
$P: post_patch: vmlinux
$P: post_patch: $T [LIVE]
$P: post_patch: $T2 [LIVE]
kmend: '$P': patching complete
kmend: '$P': transition took N us
% kmend load $TESTMODS/$P2.ko
kmend: enabling patch '$P2'
kmend: '$P2': initializing patching transition
$P2: pre_patch: vmlinux
$P2: pre_patch: $T [LIVE]
$P2: pre_patch: $T2 [LIVE]
kmend: '$P2': starting patching transition
kmend: '$P2': completing patching transition
$P2: post_patch: vmlinux
$P2: post_patch: $T [LIVE]
$P2: post_patch: $T2 [LIVE]
kmend: '$P2': patching complete
kmend: '$P2': transition took N us
% kmend unload $P2
kmend: disabling patch '$P2'
$P2: pre_unpatch: vmlinux
$P2: pre_unpatch: $T [LIVE]
$P2: pre_unpatch: $T2 [LIVE]
kmend: '$P2': initializing unpatching transition
kmend: '$P2': starting unpatching transition
kmend: '$P2': completing unpatching transition
$P2: post_unpatch: vmlinux
$P2: post_unpatch: $T [LIVE]
$P2: post_unpatch: $T2 [LIVE]
kmend: '$P2': unpatching complete
kmend: '$P2': transition took N us
kmend: patch '$P2' removed
% kmend unload $P
kmend: disabling patch '$P'
$P: pre_unpatch: vmlinux
$P: pre_unpatch: $T [LIVE]
$P: pre_unpatch: $T2 [LIVE]
kmend: '$P': initializing unpatching transition
kmend: '$P': starting unpatching transition
kmend: '$P': completing unpatching transition
$P: post_unpatch: vmlinux
$P: post_unpatch: $T [LIVE]
$P: post_unpatch: $T2 [LIVE]
kmend: '$P': unpatching complete
kmend: '$P': transition took N us
kmend: patch '$P' removed
% rmmod $T2
% rmmod $T
END
