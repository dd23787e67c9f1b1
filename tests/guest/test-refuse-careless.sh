# SPDX-License-Identifier: GPL-2.0
# A careless patch module is refused at load with a kernel log line saying
# what is wrong, and leaves nothing behind: no module, no sysfs entry, no
# ftrace user, /proc/cmdline as it was. The same module without its
# mistake loads.
. ./lib.sh
C=kmend_test_careless
start_test refuse-careless
orig=$(cat /proc/cmdline)
load_kmend

# refused MISTAKE LOGLINE: loading $C with MISTAKE fails, LOGLINE is logged,
# nothing is left.
refused() {
	must_fail kmend load $TESTMODS/$C.ko mistake=$1
	dmesg | grep -qF "kmend: $2" || fail "$1: no log line 'kmend: $2'"
	module_loaded $C && fail "$1: $C is still loaded"
	assert_file_missing $SYSFS/$C
	grep -q '^cmdline_proc_show' $TRACING/enabled_functions &&
		fail "$1: cmdline_proc_show left traced"
	assert_eq "$1: /proc/cmdline" "$orig" "$(cat /proc/cmdline)"
}

refused nomod "a patch without .mod: set .mod = THIS_MODULE"
refused owner "patch 'kmend': its struct kmend_patch is not in module 'kmend' but at patch [kmend_test_careless]"
refused init "patch '$C': the replacement of cmdline_proc_show is kmend_test_init_show+0x0/"
dmesg | grep -F "kmend_test_init_show+0x0/" | grep -qF "is __init code, freed once the module has loaded" ||
	fail "init: the message does not say why"
refused other "patch '$C': the replacement of cmdline_proc_show is kmend_shadow_get+0x0/"
dmesg | grep -F "kmend_shadow_get+0x0/" | grep -qF "outside the patch module" ||
	fail "other: the message does not say why"
refused self "patch '$C': the replacement of kmend_get_prev_state is kmend_get_prev_state itself"
refused cbend "patch '$C': object 2 (vmlinux) has callbacks but no funcs, so it ends the list of objects: give it an empty funcs array"
refused dupobj "patch '$C': object kmend_test_target is listed twice"
refused dupfunc "patch '$C': kmend_test_produce,1 of kmend_test_target is listed twice"

load_patch $C
assert_eq "/proc/cmdline without a mistake" kmend-test-careless "$(cat /proc/cmdline)"
run kmend unload $C
assert_eq "patches left" "" "$(ls $SYSFS)"
run rmmod kmend
pass refuse-careless
