# SPDX-License-Identifier: GPL-2.0
# kmend build, tests/build-patches/header-kernel.patch: a change to an
# inline of include/linux/seq_file.h (seq_setwidth pads one column more)
# with fs/proc/meminfo.c; the header's users in fs/proc/ are found and
# patched with it: /proc/PID/maps pads its path one column further
# (issue 12, defect 7).
. ./lib.sh
P=kmend_header_kernel
find_build_patch $P
start_test build-header-kernel

# the column where the first path of a maps file starts
path_column() {
	awk 'index($0, "/") { print index($0, "/"); exit }' /proc/self/maps
}

load_kmend
col=$(path_column)
run kmend load "$KO"
assert_eq "replaced functions" \
	"meminfo_proc_show,1 show_console_dev,1 show_vma_header_prefix,1" \
	"$(replaced_functions $P)"
grep -q "^KmendHeader:    1$" /proc/meminfo || fail "meminfo.c's change is not there"
pass "/proc/meminfo has the patch's line"
assert_eq "path column of maps, patched" $((col + 1)) "$(path_column)"
run cat /proc/consoles
run kmend unload $P
assert_eq "path column of maps after unload" "$col" "$(path_column)"
run rmmod kmend
