# SPDX-License-Identifier: GPL-2.0
# In the guest, for tests/build-patches/sweep/run: load each sweep module,
# run a few commands that reach common kernel paths, unload it.
. ./lib.sh
load_kmend
for m in ext4 xfs tun virtio_net; do modprobe $m || true; done
for ko in /root/kmend_sweep_*.ko; do
	n=$(basename "$ko" .ko)
	run kmend load "$ko"
	echo "loaded $n"
	sh -c true
	cat /proc/meminfo /proc/net/dev > /dev/null
	touch /tmp/a && mv /tmp/a /tmp/b
	run kmend unload "$n"
done
run rmmod kmend
