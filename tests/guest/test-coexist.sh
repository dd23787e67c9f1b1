# SPDX-License-Identifier: GPL-2.0
# kmend beside the rest of the kernel's ftrace users: the kernel's own
# livepatch on another function works at the same time; ftrace_enabled
# cannot be cleared while a kmend patch is enabled, and a patch is refused
# while it is clear; the function tracer on a patched function and a kprobe
# without a post handler leave the patch working; a kprobe with a post
# handler on a patched function is refused.
. ./lib.sh
C=kmend_sample_cmdline
U=kmend_sample_uname
start_test coexist
load_kmend

# The kernel's livepatch on cmdline_proc_show, kmend on uname.
run insmod $TESTMODS/klp_test_cmdline.ko
wait_for 30 grep -qx 0 /sys/kernel/livepatch/klp_test_cmdline/transition
run kmend load $SAMPLES/$U.ko
assert_eq "/proc/cmdline by livepatch" klp-test "$(cat /proc/cmdline)"
case "$(uname -v)" in *" +kmend") pass "uname by kmend" ;; *) fail "uname not patched" ;; esac
write 0 /sys/kernel/livepatch/klp_test_cmdline/enabled
wait_for 30 test ! -e /sys/kernel/livepatch/klp_test_cmdline
run rmmod klp_test_cmdline

# ftrace_enabled.
must_fail_write 0 /proc/sys/kernel/ftrace_enabled "a patch is enabled"
assert_eq "ftrace_enabled" 1 "$(cat /proc/sys/kernel/ftrace_enabled)"
run kmend unload $U
write 0 /proc/sys/kernel/ftrace_enabled
must_fail kmend load $SAMPLES/$C.ko
dmesg | grep -qF "kmend: cannot redirect cmdline_proc_show: ftrace is disabled (sysctl kernel.ftrace_enabled = 0)" ||
	fail "no message about ftrace_enabled"
assert_file_missing $SYSFS/$C
write 1 /proc/sys/kernel/ftrace_enabled

# The function tracer on a patched function.
run kmend load $SAMPLES/$C.ko
write cmdline_proc_show $TRACING/set_ftrace_filter
write function $TRACING/current_tracer
assert_eq "/proc/cmdline while traced" "kmend: this kernel is live patched" "$(cat /proc/cmdline)"
grep -q cmdline_proc_show $TRACING/trace || fail "the tracer did not see cmdline_proc_show"
write nop $TRACING/current_tracer
write "" $TRACING/set_ftrace_filter

# kprobes on a patched function.
run insmod $TESTMODS/kmend_test_kprobe.ko symbol=cmdline_proc_show
assert_eq "/proc/cmdline under a kprobe" "kmend: this kernel is live patched" "$(cat /proc/cmdline)"
[ "$(cat /sys/module/kmend_test_kprobe/parameters/hits)" -gt 0 ] || fail "the kprobe never fired"
pass "the kprobe fired"
run rmmod kmend_test_kprobe
must_fail $TESTMODS/kmend-test-insmod $TESTMODS/kmend_test_kprobe.ko symbol=cmdline_proc_show post=1
assert_eq "/proc/cmdline after the refused kprobe" "kmend: this kernel is live patched" "$(cat /proc/cmdline)"
run kmend unload $C
run rmmod kmend
pass coexist
