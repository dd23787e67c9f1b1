#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# tests/debian/guest-test.sh - the checks made inside the booted Debian
# system, run by kmend-test.service once multi-user.target is reached; one
# phase per boot, the next one's number left in /root/phase:
#
#   1  kmend.service loaded kmend.ko (built and signed by DKMS) and the
#      installed patches, before network-pre.target, in name order; the
#      broken one was logged and the others still loaded; the cmdline
#      patch's marker shows in /proc/cmdline; the broken one is said to be
#      cut short. Then the patch packages: dpkg installs
#      kmend-patch-pkgtest 1 (active; kmend status exits 1 while the
#      broken patch and the samples it superseded are installed, 0 with
#      only the package's patch installed), upgrades it to 2 (one transition,
#      v2 replacing v1, while a reader of /proc/version never sees the
#      unpatched text), removes it (unpatched). Then, with sig_enforce
#      switched on, kmend load refuses an unsigned patch and one signed
#      with a key the kernel does not trust, says why, and leaves nothing
#      loaded
#   2  booted with kmend.enable=0: kmend.service skipped, nothing loaded
#   3  booted with module.sig_enforce=1: kmend.ko, signed with DKMS's key
#      (not enrolled), is refused; kmend.service says why and what to do
#
# Output goes to the serial console; the last line is KMEND_VM_EXIT=STATUS.
set -uo pipefail

rel=$(uname -r)
marker="kmend: this kernel is live patched"
failed=0

say() { echo "guest-test: $*"; }
pass() { say "PASS: $*"; }
fail() { say "FAIL: $*"; failed=1; }
check() {	# check WHAT COMMAND...: pass when COMMAND succeeds
	local what=$1
	shift
	if "$@"; then pass "$what"; else fail "$what"; fi
}

# journal_line PATTERN: the number of the first line of this boot's journal
# matching PATTERN (extended regexp), or nothing.
journal_line() {
	grep -n -m1 -E "$1" /tmp/journal | cut -d: -f1
}

# before A B: A's first line comes before B's, and both are there.
before() {
	local a b
	a=$(journal_line "$1")
	b=$(journal_line "$2")
	if [ -z "$a" ] || [ -z "$b" ] || [ "$a" -ge "$b" ]; then
		say "journal order: '$1' at line ${a:-none}, '$2' at line ${b:-none}"
		return 1
	fi
}

loaded() { grep -q "^$1 " /proc/modules; }

phase1() {
	say "phase 1: installed patches load at boot ($rel)"
	journalctl -b -o short-monotonic --no-pager > /tmp/journal
	grep -E ' kmend\[| kernel: kmend|kmend.service|network-pre.target' /tmp/journal | sed 's/^/  | /'
	check "kmend.ko loaded" loaded kmend
	check "kmend.ko is DKMS's, in updates/dkms" \
		sh -c "modinfo -n kmend | grep -q /updates/dkms/"
	say "kmend.ko signer: $(modinfo -F signer kmend), key $(modinfo -F sig_key kmend)"
	check "kmend.ko is signed with DKMS's key" \
		sh -c "modinfo -F signer kmend | grep -qi dkms"
	check "patch kmend_sample_cmdline loaded" loaded kmend_sample_cmdline
	check "patch kmend_sample_uname loaded" loaded kmend_sample_uname
	check "the cmdline patch is active: /proc/cmdline shows its marker" \
		grep -qx "$marker" /proc/cmdline
	check "kmend.service is a oneshot that stayed active, with a failure reported" \
		sh -c "systemctl show -p Type,Result kmend.service | tr '\n' ' ' | grep -q 'Type=oneshot Result=exit-code'"
	check "journal: kmend.ko ready before network-pre.target was reached" \
		before "kernel: kmend: ready" "Reached target network-pre.target"
	check "journal: the broken patch failed and was logged" \
		before "kmend: loading patch kmend_a_broken" "patch kmend_a_broken failed to load at boot"
	check "journal: the broken patch's file is said to be cut short, not built for another kernel" \
		before "kmend_a_broken.ko is cut short: it has 4096 bytes" "patch kmend_a_broken failed to load at boot"
	check "journal: the patches after it still loaded, in name order" \
		before "patch kmend_a_broken failed to load at boot" "kmend: patch kmend_sample_cmdline enabled"
	check "journal: cmdline before uname (name order)" \
		before "kmend: patch kmend_sample_cmdline enabled" "kmend: patch kmend_sample_uname enabled"
	check "journal: both patches complete before network-pre.target was reached" \
		before "kernel: kmend: 'kmend_sample_uname': patching complete" \
		"Reached target network-pre.target"
	check "journal: 2 of 3 loaded" grep -q "kmend: 2 of 3 installed patches loaded" /tmp/journal
	local t
	# The kernel's own time stamp: journald may stamp a burst of the
	# service's lines at once, when it reads them.
	t=$(grep -m1 "kernel: kmend: 'kmend_sample_cmdline': patching complete" /tmp/journal |
		sed 's/^\[ *\([0-9.]*\)\].*/\1/')
	say "patch kmend_sample_cmdline active at ${t:-?} s after the kernel started"
	t=$(grep -m1 "kernel: kmend: 'kmend_sample_uname': patching complete" /tmp/journal |
		sed 's/^\[ *\([0-9.]*\)\].*/\1/')
	say "both patches active at ${t:-?} s; kmend.service done at $(systemctl show -p ExecMainExitTimestampMonotonic --value kmend.service) us, after the kernel started"
	kmend list | sed 's/^/  | /'
	check "kmend list shows the installed patches beside the loaded ones" \
		sh -c "kmend list | grep -Eq '^  kmend_a_broken +installed +not loaded' &&
		       kmend list | grep -Eq '^  kmend_sample_cmdline +installed +loaded'"
	packages
	signatures
}

# The patch of kmend-patch-pkgtest version $1 shows in /proc/version.
version_is() {
	grep -qx "kmend-patch-pkgtest $1" /proc/version
}

# reader: read /proc/version until /tmp/stop appears; each text that is not
# one of the two versions' goes to /tmp/unpatched, the count to /tmp/reads.
reader() {
	local n=0 line
	: > /tmp/unpatched
	while [ ! -e /tmp/stop ]; do
		read -r line < /proc/version
		case $line in
		"kmend-patch-pkgtest 1"|"kmend-patch-pkgtest 2") ;;
		*) echo "$line" >> /tmp/unpatched ;;
		esac
		n=$((n + 1))
	done
	echo "$n" > /tmp/reads
}

# The kernel's log since the line MARK was written to it.
log_since() {
	dmesg | sed -n "/$1/,\$p"
}

# status_is CODE ERE...: kmend status --json exits CODE and every ERE
# matches the one-line document.
# The document is printed after "status-json: " for
# tests/fleet/check-guest-log to validate on the host against the schema.
status_is() {
	local code=$1 rc=0 re
	shift
	kmend status --json > /tmp/status.json 2> /tmp/status.err || rc=$?
	echo "status-json: $(cat /tmp/status.json)"
	kmend status 2>&1 | sed 's/^/  | /'
	[ "$rc" = "$code" ] || { say "kmend status --json exited $rc, expected $code"; return 1; }
	for re; do
		grep -qE -- "$re" /tmp/status.json || { say "kmend status --json does not match: $re"; return 1; }
	done
}

# kmend status after a package install. Installed: the broken patch (not
# loadable), the two samples, superseded by kmend_pkgtest_v1 (cumulative:
# it replaces every enabled patch), and kmend_pkgtest_v1: exit 1. With only
# the package's patch installed, installed and active: exit 0, with its
# package, version, description and CVE. The samples installed again for
# the later boots: superseded, exit 1. (The package's own patch is not
# unloaded here: the upgrade's checks count its disabling.)
status() {
	local pkg='"package":\{"name":"kmend-patch-pkgtest","version":"1","description":"kmend test patch, version 1","cves":\["CVE-2026-0001"\]\}'
	local s dir=/var/lib/kmend/$rel
	check "kmend status: exit 1, kmend_a_broken installed, not loaded, the samples superseded; kmend.service as systemctl says" \
		status_is 1 '"all_active":false' '"name":"kmend_a_broken","state":"not-loaded","installed":true,"loaded":false' \
		'"name":"kmend_sample_cmdline","state":"superseded"' \
		"\"service\":\"$(systemctl is-active kmend.service)\"" "\"kernel\":\"$rel\""
	mkdir -p /tmp/samples
	cp $dir/kmend_sample_*.ko /tmp/samples/
	for s in kmend_a_broken kmend_sample_cmdline kmend_sample_uname; do
		kmend uninstall $s 2>&1 | sed 's/^/  | /'
	done
	check "kmend status: only the package's patch installed, active: exit 0, package, version, description and CVE" \
		status_is 0 '"all_active":true' '"transition":null' \
		"\\{\"name\":\"kmend_pkgtest_v1\",\"state\":\"active\",\"installed\":true,\"loaded\":true,\"active\":true,$pkg,\"runtime\":\"kmend\"\\}" \
		'"name":"kmend_sample_cmdline","state":"superseded","installed":false'
	for s in /tmp/samples/*.ko; do
		kmend install "$s" 2>&1 | sed 's/^/  | /'
	done
	check "kmend status: the samples installed again, superseded: exit 1" \
		status_is 1 '"all_active":false' '"name":"kmend_sample_uname","state":"superseded","installed":true'
}

packages() {
	local debs=/root/kmend orig
	say "patch packages: kmend-patch-pkgtest 1, upgraded to 2, removed"
	orig=$(cat /proc/version)
	dpkg -i $debs/kmend-patch-pkgtest_1_amd64.deb 2>&1 | sed 's/^/  | /'
	check "package 1 installed: its patch is active" version_is 1
	status
	kmend list | sed -n '/^installed/,$p' | sed 's/^/  | /'
	check "kmend list: kmend_pkgtest_v1 installed and loaded, package version 1 and its CVE" \
		sh -c "kmend list | grep -Eq '^  kmend_pkgtest_v1 +installed +loaded +kmend-patch-pkgtest 1 CVE-2026-0001\$'"
	kmend info kmend_pkgtest_v1 | grep -E '^(package|cves|description):' | sed 's/^/  | /'
	check "kmend info: package, CVEs and description" \
		sh -c "kmend info kmend_pkgtest_v1 > /tmp/info &&
		       grep -qx 'package:      kmend-patch-pkgtest 1' /tmp/info &&
		       grep -qx 'cves:         CVE-2026-0001' /tmp/info &&
		       grep -qx 'description:  kmend test patch, version 1' /tmp/info"

	rm -f /tmp/stop
	reader &
	local rpid=$! t0 t1
	echo "kmend-test: upgrade to 2" > /dev/kmsg
	t0=$(date +%s%N)
	dpkg -i $debs/kmend-patch-pkgtest_2_amd64.deb 2>&1 | sed 's/^/  | /'
	t1=$(date +%s%N)
	touch /tmp/stop
	wait $rpid
	say "upgrade took $(( (t1 - t0) / 1000000 )) ms; /proc/version read $(cat /tmp/reads) times meanwhile"
	log_since "kmend-test: upgrade to 2" | grep "kmend" | sed 's/^/  | /'
	check "package 2 installed: its patch is active" version_is 2
	check "the upgrade made one transition" \
		sh -c "[ \$(dmesg | sed -n '/kmend-test: upgrade to 2/,\$p' | grep -c 'initializing .* transition') -eq 1 ]"
	check "in it, kmend_pkgtest_v2 replaced kmend_pkgtest_v1" \
		sh -c "dmesg | sed -n '/kmend-test: upgrade to 2/,\$p' | grep -q \"patch 'kmend_pkgtest_v1' replaced by 'kmend_pkgtest_v2'\""
	check "kmend_pkgtest_v1 was never disabled on its own, only replaced, then removed" \
		sh -c "! dmesg | grep -q \"disabling patch 'kmend_pkgtest_v1'\" &&
		       dmesg | grep -q \"patch 'kmend_pkgtest_v1' removed\""
	check "no read of /proc/version during the upgrade showed the unpatched text" \
		sh -c "[ ! -s /tmp/unpatched ] && [ \$(cat /tmp/reads) -gt 0 ]"
	check "after the upgrade: only kmend_pkgtest_v2 loaded and installed" \
		sh -c "! grep -q '^kmend_pkgtest_v1 ' /proc/modules &&
		       grep -q '^kmend_pkgtest_v2 ' /proc/modules &&
		       [ ! -e /var/lib/kmend/$rel/kmend_pkgtest_v1.ko ] && [ -e /var/lib/kmend/$rel/kmend_pkgtest_v2.ko ]"

	dpkg -r kmend-patch-pkgtest 2>&1 | sed 's/^/  | /'
	check "package removed: /proc/version unpatched" sh -c "[ \"\$(cat /proc/version)\" = '$orig' ]"
	check "package removed: kmend_pkgtest_v2 neither loaded nor installed" \
		sh -c "! grep -q '^kmend_pkgtest_' /proc/modules && [ ! -e /var/lib/kmend/$rel/kmend_pkgtest_v2.ko ]"
}

# refused FILE WHAT: kmend load FILE fails, saying WHAT, and nothing of it
# stays in the kernel.
refused() {
	local rc=0
	kmend load "$1" > /tmp/load 2>&1 || rc=$?
	sed 's/^/  | /' /tmp/load
	[ $rc -ne 0 ] && grep -q "$2" /tmp/load && grep -q "mokutil --import" /tmp/load &&
		! grep -q '^kmend_pkgtest_v1 ' /proc/modules && [ ! -e /sys/kernel/kmend/kmend_pkgtest_v1 ]
}

signatures() {
	say "signatures: sig_enforce switched on (it cannot be switched off)"
	echo 1 > /sys/module/module/parameters/sig_enforce
	check "an unsigned patch is refused, kmend says why, nothing loaded" \
		refused /root/kmend/kmend_pkgtest_v1.ko "kmend_pkgtest_v1.ko is not signed: build a signed patch"
	check "a patch signed with a key the kernel does not trust is refused, kmend says why, nothing loaded" \
		refused /root/kmend/kmend_pkgtest_v1-signed.ko "kmend_pkgtest_v1-signed.ko is signed, but"
}

phase2() {
	say "phase 2: booted with kmend.enable=0"
	check "kmend.enable=0 is on the command line" grep -qw "kmend.enable=0" /proc/cmdline
	check "kmend.service skipped by its condition" \
		sh -c "systemctl show -p ConditionResult kmend.service | grep -qx ConditionResult=no"
	check "kmend.ko not loaded" sh -c "! grep -q '^kmend ' /proc/modules"
	check "the patch is not active" sh -c "! grep -qx '$marker' /proc/cmdline"
	local rc=0
	kmend list > /tmp/list 2>&1 || rc=$?
	sed 's/^/  | /' /tmp/list
	check "kmend list: exit 1, kmend.ko not loaded, the installed patches not loaded" \
		sh -c "[ $rc -eq 1 ] && grep -q 'kmend.ko is not loaded' /tmp/list &&
		       grep -Eq '^  kmend_sample_cmdline +installed +not loaded' /tmp/list"
}

phase3() {
	say "phase 3: booted with module.sig_enforce=1"
	journalctl -b -u kmend.service -o cat --no-pager > /tmp/unit
	sed 's/^/  | /' /tmp/unit
	check "module.sig_enforce=1 is on the command line" grep -qw "module.sig_enforce=1" /proc/cmdline
	check "kmend.ko (signed with DKMS's key, not enrolled) refused: not loaded" \
		sh -c "! grep -q '^kmend ' /proc/modules && [ ! -e /sys/kernel/kmend ]"
	check "no patch module loaded" sh -c "! grep -Eq '^kmend_(sample|pkgtest)' /proc/modules"
	check "kmend.service failed" \
		sh -c "systemctl show -p Result kmend.service | grep -qx Result=exit-code"
	check "kmend.service says why: DKMS's key is not enrolled, and how to enroll it" \
		sh -c "grep -q 'signed with DKMS.s key /var/lib/dkms/mok.pub, which the kernel trusts only once enrolled' /tmp/unit &&
		       grep -q 'mokutil --import /var/lib/dkms/mok.pub' /tmp/unit"
}

echo KMEND_VM_START
# With the host's time from power-on to KMEND_VM_START this gives the
# time from power-on to the kernel's start.
say "kernel up for $(cut -d' ' -f1 /proc/uptime) s at the start of the test"
phase=$(cat /root/phase)
case $phase in
1) phase1; echo 2 > /root/phase ;;
2) phase2; echo 3 > /root/phase ;;
3) phase3; echo "done" > /root/phase ;;
*) fail "unknown phase '$phase'" ;;
esac
if dmesg | grep -E 'Oops|WARNING:|Call Trace|BUG:|general protection fault' > /tmp/bad; then
	fail "the kernel log shows a problem:"
	sed 's/^/  | /' /tmp/bad
fi
sync
echo "KMEND_VM_EXIT=$failed"
systemctl poweroff --no-block
