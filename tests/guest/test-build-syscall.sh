# SPDX-License-Identifier: GPL-2.0
# kmend build, tests/build-patches/syscall-uname.patch: a system call patched
# with kpatch's KPATCH_SYSCALL_DEFINE1, unchanged: uname -m says kmend.
. ./lib.sh
P=kmend_syscall_uname
find_build_patch $P
start_test build-syscall

orig=$(uname -m)
load_runtime
run kmend load "$KO"
assert_eq "uname -m" kmend "$(uname -m)"
assert_eq "uname -r unchanged" "$(cat /proc/sys/kernel/osrelease)" "$(uname -r)"
run kmend unload $P
assert_eq "uname -m after unload" "$orig" "$(uname -m)"
unload_runtime
