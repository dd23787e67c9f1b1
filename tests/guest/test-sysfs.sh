# SPDX-License-Identifier: GPL-2.0
# The sysfs files of a patch, their permissions and their values.
. ./lib.sh
P=kmend_sample_cmdline
D=$SYSFS/$P
F=$D/vmlinux/cmdline_proc_show,1
start_test sysfs
load_kmend
run kmend load $SAMPLES/$P.ko

# perm FILE MODE: the file's permission bits.
perm() {
	assert_eq "mode of ${1#$SYSFS/}" "$2" "$(stat -c %a "$1")"
}
perm $D/enabled 644
perm $D/transition 444
perm $D/consistency 444
perm $D/force 200
perm $D/blockers 444
perm $D/replace 444
perm $D/stack_order 444
perm $D/vmlinux/patched 444
perm $F/old_addr 444
perm $F/new_addr 444

assert_eq "enabled" 1 "$(cat $D/enabled)"
assert_eq "transition" 0 "$(cat $D/transition)"
assert_eq "consistency" per-task "$(cat $D/consistency)"
assert_eq "blockers outside a transition" "" "$(cat $D/blockers)"
assert_eq "replace" 0 "$(cat $D/replace)"
assert_eq "stack_order" 1 "$(cat $D/stack_order)"
must_fail_write 1 $D/force "no transition"
must_fail_write 1 $D/enabled "already enabled"
must_fail_write x $D/enabled "not a boolean"
assert_eq "enabled after refused writes" 1 "$(cat $D/enabled)"
run kmend unload $P
run rmmod kmend
pass sysfs
