# SPDX-License-Identifier: GPL-2.0
# kmend build, tests/build-patches/meminfo-string.patch: /proc/meminfo shows
# one more line while the patch is enabled, and not after; its references
# to symbols vmlinux does not export are livepatch relocations the kernel
# resolved when the module loaded.
. ./lib.sh
P=kmend_meminfo_string
find_build_patch $P
start_test build-meminfo

load_runtime
assert_eq "before the patch" "" "$(grep KmendPatched /proc/meminfo || true)"
run kmend load "$KO"
assert_eq "patched line" "KmendPatched:   1" "$(grep KmendPatched /proc/meminfo)"
assert_eq "the line follows MemTotal" "KmendPatched:" "$(sed -n 2p /proc/meminfo | cut -d' ' -f1)"
grep -q '^SwapTotal:' /proc/meminfo || fail "SwapTotal (si_swapinfo, not exported) is missing"
run kmend unload $P
assert_eq "after the patch" "" "$(grep KmendPatched /proc/meminfo || true)"
assert_file_missing $SYSFS/$P
unload_runtime
