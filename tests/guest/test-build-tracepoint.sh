# SPDX-License-Identifier: GPL-2.0
# kmend build, tests/build-patches/module-tracepoint.patch: ext4_setattr()
# of module ext4 replaced though its tracepoints' keys are ext4's own; the
# new code runs on a mounted ext4 file system.
. ./lib.sh
P=kmend_module_tracepoint
find_build_patch $P
start_test build-tracepoint

load_runtime
run modprobe ext4
run modprobe loop
run truncate -s 8M /tmp/ext4.img
dev=$(losetup -f)
run losetup "$dev" /tmp/ext4.img
run mke2fs -q "$dev"
mkdir -p /mnt/ext4
run mount -t ext4 "$dev" /mnt/ext4
echo kmend > /mnt/ext4/file

run kmend load "$KO"
assert_eq "replaced functions" "ext4_setattr,1" "$(replaced_functions $P ext4)"
write "module $P +p" /proc/dynamic_debug/control
run chmod 600 /mnt/ext4/file
dmesg | grep -q "kmend: ext4_setattr of inode" ||
	fail "the new ext4_setattr did not run"
pass "ext4_setattr of the patch ran"
assert_eq "mode after chmod" "-rw-------" "$(ls -l /mnt/ext4/file | cut -c1-10)"

run kmend unload $P
run chmod 644 /mnt/ext4/file
run umount /mnt/ext4
run losetup -d "$dev"
unload_runtime
