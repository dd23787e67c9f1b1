# SPDX-License-Identifier: GPL-2.0
# In the guest, for tests/corpus/run: each line of /root/targets is
# "MODULE OBJECT[,OBJECT...]", a patch module built from one fix and the
# kernel objects it patches. Each patch is loaded with its target modules
# absent (its vmlinux part must be patched, the modules' parts wait),
# then the modules are loaded and must be patched, then the patch is
# unloaded and the modules removed. Prints one line per patch:
#	corpus: MODULE loaded OBJECTS
#	corpus: MODULE failed WHAT
# and "corpus-step:" lines in between; the kernel log tells the rest.
. ./lib.sh
load_kmend

# obj_patched PATCH OBJECT: the object's part of PATCH is applied.
obj_patched() {
	[ "$(cat "$SYSFS/$1/$2/patched" 2> /dev/null)" = 1 ]
}

# try PATCH OBJECTS: fails with "corpus: PATCH failed WHAT" on the way.
try() {
	p=$1 objs=$(echo "$2" | tr , ' ')
	for o in $objs; do
		[ "$o" = vmlinux ] || ! module_loaded "$o" || modprobe -r "$o" 2> /dev/null ||
			{ echo "corpus: $p failed $o is loaded and cannot be removed"; return 1; }
	done
	log "corpus: $p, its modules absent"
	if ! kmend load "/root/$p.ko" > /tmp/load.out 2>&1; then
		echo "corpus: $p failed load with its target modules absent: $(tail -n 2 /tmp/load.out | tr '\n' ' ')"
		dmesg | grep "$p: Unknown symbol" | sed 's/^/corpus-step: /'
		return 1
	fi
	for o in $objs; do
		if [ "$o" = vmlinux ]; then
			obj_patched "$p" vmlinux || { echo "corpus: $p failed vmlinux not patched"; return 1; }
		elif obj_patched "$p" "$o"; then
			echo "corpus: $p failed $o patched while absent"; return 1
		fi
	done
	for o in $objs; do
		[ "$o" != vmlinux ] || continue
		log "corpus: $p, modprobe $o"
		if ! modprobe "$o" > /tmp/modprobe.out 2>&1; then
			echo "corpus: $p failed modprobe $o: $(tail -n 1 /tmp/modprobe.out)"
			return 1
		fi
		obj_patched "$p" "$o" || { echo "corpus: $p failed $o not patched once loaded"; return 1; }
	done
	echo "corpus: $p loaded $2"
}

while read -r p objs; do
	try "$p" "$objs" || true
	if [ -d "$SYSFS/$p" ] || module_loaded "$p"; then
		kmend unload "$p" > /tmp/unload.out 2>&1 ||
			echo "corpus-step: $p unload failed: $(tail -n 1 /tmp/unload.out)"
	fi
	for o in $(echo "$objs" | tr , ' '); do
		[ "$o" = vmlinux ] || modprobe -r "$o" 2> /dev/null || true
	done
done < /root/targets
run rmmod kmend
