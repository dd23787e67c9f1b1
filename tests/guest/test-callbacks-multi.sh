# SPDX-License-Identifier: GPL-2.0
# Callbacks with several target modules (each present object gets its own,
# in the patch's order) and with several patches (each patch runs its own,
# the newer one stacked on top).
. ./lib.sh
T2=kmend_test_target2
P=kmend_test_callbacks
P2=kmend_test_callbacks2
start_test callbacks-multi
load_kmend
load_module $T $T2
load_patch $P $P2
assert_eq "/proc/cmdline" kmend-test-callbacks "$(cat /proc/cmdline)"
run kmend unload $P2
run kmend unload $P
run rmmod $T2
run rmmod $T

# cb PATCH HOOK: the lines of PATCH's HOOK callback for its three objects.
cb() {
	callbacks $1 $2 vmlinux "$T [LIVE]" "$T2 [LIVE]"
}
expect_log <<END
% insmod /kmend/kmend.ko
kmend: ready
% insmod $TESTMODS/$T.ko
% insmod $TESTMODS/$T2.ko
% kmend load $TESTMODS/$P.ko
$(patching $P "$(cb $P pre_patch)" "$(cb $P post_patch)")
% kmend load $TESTMODS/$P2.ko
$(patching $P2 "$(cb $P2 pre_patch)" "$(cb $P2 post_patch)")
% kmend unload $P2
$(unpatching $P2 "$(cb $P2 pre_unpatch)" "$(cb $P2 post_unpatch)")
kmend: patch '$P2' removed
% kmend unload $P
$(unpatching $P "$(cb $P pre_unpatch)" "$(cb $P post_unpatch)")
kmend: patch '$P' removed
% rmmod $T2
% rmmod $T
END
