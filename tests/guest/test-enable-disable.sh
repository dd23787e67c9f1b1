# SPDX-License-Identifier: GPL-2.0
# Enabling a patch redirects cmdline_proc_show() and taints the kernel;
# the patch module and kmend.ko cannot be removed while needed; disabling
# restores the old code, after which both can be removed.
. ./lib.sh
P=kmend_sample_cmdline
start_test enable-disable

orig=$(cat /proc/cmdline)
load_kmend
run kmend load $SAMPLES/$P.ko
assert_eq "/proc/cmdline once patched" "kmend: this kernel is live patched" "$(cat /proc/cmdline)"
assert_eq "enabled" 1 "$(cat $SYSFS/$P/enabled)"
assert_eq "transition" 0 "$(cat $SYSFS/$P/transition)"
assert_eq "vmlinux patched" 1 "$(cat $SYSFS/$P/vmlinux/patched)"
assert_eq "old_addr" "$(kallsyms_addr cmdline_proc_show)" \
	"$(cat $SYSFS/$P/vmlinux/cmdline_proc_show,1/old_addr)"
assert_eq "new_addr" "$(kallsyms_addr kmend_sample_cmdline_show $P)" \
	"$(cat $SYSFS/$P/vmlinux/cmdline_proc_show,1/new_addr)"
assert_eq "TAINT_LIVEPATCH (bit 15)" 1 $(( ($(cat /proc/sys/kernel/tainted) >> 15) & 1 ))
grep -q cmdline_proc_show $TRACING/enabled_functions ||
	fail "cmdline_proc_show is not in enabled_functions"

must_fail rmmod $P
must_fail rmmod kmend
assert_eq "/proc/cmdline after refused rmmods" "kmend: this kernel is live patched" "$(cat /proc/cmdline)"

set_enabled $P 0
assert_eq "/proc/cmdline once disabled" "$orig" "$(cat /proc/cmdline)"
assert_eq "enabled after disable" 0 "$(cat $SYSFS/$P/enabled)"
assert_eq "vmlinux patched after disable" 0 "$(cat $SYSFS/$P/vmlinux/patched)"
grep -q cmdline_proc_show $TRACING/enabled_functions &&
	fail "cmdline_proc_show is still traced after disable"

set_enabled $P 1
assert_eq "/proc/cmdline re-enabled" "kmend: this kernel is live patched" "$(cat /proc/cmdline)"
set_enabled $P 0
run rmmod $P
assert_file_missing $SYSFS/$P
assert_eq "/proc/cmdline after rmmod" "$orig" "$(cat /proc/cmdline)"
run rmmod kmend
assert_file_missing $SYSFS

expect_log <<END
% insmod /kmend/kmend.ko
kmend: ready
% kmend load /kmend/samples/$P.ko
$(patching $P)
% rmmod $P
% rmmod kmend
% echo 0 > $SYSFS/$P/enabled
$(unpatching $P)
% echo 1 > $SYSFS/$P/enabled
$(patching $P)
% echo 0 > $SYSFS/$P/enabled
$(unpatching $P)
% rmmod $P
kmend: patch '$P' removed
% rmmod kmend
END
