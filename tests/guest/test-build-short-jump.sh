# SPDX-License-Identifier: GPL-2.0
# kmend build, tests/build-patches/short-jump.patch: deferred_cad(), whose
# code in vmlinux has a 2-byte jump where the compiled object has 5, passed
# the check against the target's code and is replaced. (It runs on
# ctrl-alt-del, which would restart the guest: only its place is checked.)
. ./lib.sh
P=kmend_short_jump
find_build_patch $P
start_test build-short-jump

load_runtime
run kmend load "$KO"
assert_eq "replaced functions" "deferred_cad,1" "$(replaced_functions $P)"
only_for kmend assert_eq "old_addr is the kernel's deferred_cad" \
	"$(kallsyms_addr deferred_cad)" "$(cat $SYSFS/$P/vmlinux/deferred_cad,1/old_addr 2>/dev/null)"
run kmend unload $P
unload_runtime
