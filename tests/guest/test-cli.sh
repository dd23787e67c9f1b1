# SPDX-License-Identifier: GPL-2.0
# The kmend command when things go wrong: usage errors exit 2, failures
# that changed nothing exit 1 with a message saying what to do next, a
# load whose transition does not end within --timeout is reversed, leaving
# the patch disabled and removable (exit 3), an unload whose transition
# does not end leaves it in transition (exit 4); --timeout 0 waits without
# limit; a removal the kernel refuses is explained by its cause; kmend list
# leaves out a patch removed while it is read; the example modules of the
# README and of kmend.h load and unload.
. ./lib.sh
P=kmend_test_patch
PP=/sys/module/$P/parameters
start_test cli

# expect_exit CODE TEXT CMD...: CMD exits CODE and its stderr contains
# TEXT; with code 1 or 2 (nothing changed, usage error) the state is as
# before.
expect_exit() {
	local code=$1 text=$2 rc=0 before
	shift 2
	before=$(kmend_state)
	log "$*"
	"$@" > /tmp/out 2> /tmp/err || rc=$?
	cat /tmp/out /tmp/err
	[ "$rc" = "$code" ] || fail "'$*' exited $rc, expected $code"
	grep -qF -- "$text" /tmp/err || fail "'$*' did not say '$text'"
	pass "'$*' exits $code saying '$text'"
	[ "$code" -gt 2 ] || assert_unchanged "$*" "$before"
}

expect_exit 2 "usage: kmend COMMAND" kmend
expect_exit 2 "unknown command 'lod'" kmend lod
expect_exit 2 "load: missing FILE.ko" kmend load
expect_exit 2 "invalid number of seconds: soon" kmend load x.ko --timeout soon
expect_exit 2 "a parameter value cannot hold a double quote" \
	kmend load x.ko 'old_name=a"b'
expect_exit 2 "invalid parameter name in: =b" kmend load x.ko =b
expect_exit 2 "load: --timeout needs SECONDS" kmend load x.ko --timeout
expect_exit 2 "unload: invalid number of seconds: 604801" \
	kmend unload x --timeout 604801
expect_exit 2 "list: unexpected argument: extra" kmend list extra
expect_exit 2 "list: unknown option: --timeout" kmend list --timeout 3
expect_exit 2 "info: missing NAME" kmend info
expect_exit 1 "kmend.ko is not loaded" kmend list
expect_exit 1 "load it first: insmod kmend.ko" kmend load $TESTMODS/$P.ko
module_loaded $P && fail "$P was inserted although kmend.ko was not loaded"

load_kmend
expect_exit 1 "not an ELF object" kmend load /proc/cmdline
expect_exit 1 "no such patch: nosuch is not loaded" kmend unload nosuch
expect_exit 1 "no such patch: nosuch is not loaded" kmend info nosuch
expect_exit 1 "build: kmend-build not found next to this kmend nor on PATH" \
	kmend build x.patch
# A module that registers no patch stays loaded: exit 3.
expect_exit 3 "module $T was loaded but registered no patch" kmend load $TESTMODS/$T.ko
module_loaded $T || fail "$T is not loaded"
expect_exit 1 "module $T is loaded but is not a kmend patch" kmend unload $T
expect_exit 1 "a module named $T is already loaded, and it is not a kmend patch" \
	kmend load $TESTMODS/$T.ko

# A worker sleeps in the old pair(): the patching transition cannot end.
write 1 $TP/hold
sleep 0.5
expect_exit 3 "patch $P disabled again; remove it with: kmend unload $P" \
	kmend load --timeout 2 $TESTMODS/$P.ko
grep -qE "[0-9]+ kworker/[^ ]* kmend_test_pair$" /tmp/err ||
	fail "the timed-out load did not name the blocking worker"
assert_eq "enabled after the timed-out load" 0 "$(cat $SYSFS/$P/enabled)"
assert_eq "transition after the timed-out load" 0 "$(cat $SYSFS/$P/transition)"
assert_eq "calls mixing old and new" 0 "$(cat $TP/mixed)"
transcript | grep -qx "kmend: '$P': reversing transition from patching to unpatching" ||
	fail "kmend.ko did not log the reversal"
run kmend unload $P
module_loaded $P && fail "$P still loaded after kmend unload"

# --timeout 0 waits without limit: the same load is not reversed, and ends
# once the worker leaves the old pair().
log "kmend load --timeout 0 $TESTMODS/$P.ko &"
kmend load --timeout 0 $TESTMODS/$P.ko > /tmp/out 2> /tmp/err &
pid=$!
sleep 3
kill -0 $pid 2>/dev/null || { cat /tmp/err; fail "kmend load --timeout 0 gave up"; }
assert_eq "enabled while --timeout 0 waits" 1 "$(cat $SYSFS/$P/enabled)"
assert_eq "transition while --timeout 0 waits" 1 "$(cat $SYSFS/$P/transition)"
write 0 $TP/hold
rc=0
wait $pid || rc=$?
cat /tmp/out /tmp/err
assert_eq "exit of kmend load --timeout 0" 0 $rc
assert_eq "enabled after --timeout 0" 1 "$(cat $SYSFS/$P/enabled)"
assert_eq "transition after --timeout 0" 0 "$(cat $SYSFS/$P/transition)"

# A worker asleep in the new pair() holds up the unpatching transition:
# the unload stops with the patch in transition and its module loaded.
write 1 $PP/hold
write 1 $TP/hold
sleep 0.5
expect_exit 4 "patch $P is still in transition, so its module stays loaded" \
	kmend unload --timeout 2 $P
assert_eq "enabled after the stuck unload" 0 "$(cat $SYSFS/$P/enabled)"
assert_eq "transition after the stuck unload" 1 "$(cat $SYSFS/$P/transition)"
module_loaded $P || fail "$P removed although its transition runs"
write 0 $PP/hold
write 0 $TP/hold
run kmend unload $P
module_loaded $P && fail "$P still loaded after kmend unload"

# Without the worker the same load ends, and list shows the patch.
run kmend load --timeout 20 $TESTMODS/$P.ko
kmend list | grep -q "$P" || fail "kmend list does not show $P"
run kmend unload $P

# A patch removed while kmend list reads it is left out, and list
# succeeds. Deterministically first, in a tree of KMEND_SYSFS: list blocks
# opening a FIFO inside patch "gone", which is removed before it goes on.
F=/tmp/fake-sysfs
mkdir -p $F/gone/vmlinux $F/stays
echo 1 > $F/gone/enabled
echo 1 > $F/stays/enabled
mkfifo /tmp/fifo
ln /tmp/fifo $F/gone/vmlinux/patched
log "KMEND_SYSFS=$F kmend list (gone removed while read)"
KMEND_SYSFS=$F kmend list > /tmp/out 2> /tmp/err &
pid=$!
sleep 0.5
rm -r $F/gone
timeout 10 sh -c 'echo 1 > /tmp/fifo' || fail "kmend list never opened the FIFO"
rc=0
wait $pid || rc=$?
cat /tmp/out /tmp/err
assert_eq "exit of kmend list with a patch gone" 0 $rc
grep -q "stays" /tmp/out || fail "kmend list left out the patch that stayed"
grep -q "gone" /tmp/out /tmp/err && fail "kmend list showed the patch that went"
rm -r $F /tmp/fifo

# Then against the kernel: list in a loop while a patch comes and goes.
log "kmend list while $P is loaded and removed 30 times"
(
	rc=0
	for i in $(seq 30); do
		$TESTMODS/kmend-test-insmod $TESTMODS/$P.ko consistency=1 &&
			echo 0 > $SYSFS/$P/enabled && rmmod $P || { rc=1; break; }
	done
	touch /tmp/stop
	exit $rc
) &
churn=$!
lists=0 failed=0
while [ ! -e /tmp/stop ]; do
	lists=$((lists + 1))
	kmend list > /dev/null 2> /tmp/err || { failed=$((failed + 1)); cat /tmp/err; }
done
wait $churn || fail "loading and removing $P failed"
pass "kmend list ran $lists times while $P came and went"
assert_eq "kmend list failures" 0 $failed
run rmmod $T

# The examples of the README and of kmend.h, built as written: loaded,
# they patch /proc/cmdline; unloaded, they leave.
orig=$(cat /proc/cmdline)
run kmend load $TESTMODS/kmend_test_readme.ko
assert_eq "/proc/cmdline under the README's example" \
	"kmend: this kernel is live patched" "$(cat /proc/cmdline)"
expect_exit 1 "patch kmend_test_readme is already loaded" \
	kmend load $TESTMODS/kmend_test_readme.ko
run kmend unload kmend_test_readme
run kmend load $TESTMODS/kmend_test_header.ko
assert_eq "/proc/cmdline under kmend.h's example" \
	"kmend: the example of kmend.h" "$(cat /proc/cmdline)"
run kmend unload kmend_test_header
assert_eq "/proc/cmdline after the examples" "$orig" "$(cat /proc/cmdline)"

# A patch module without module_exit() could never be removed: kmend load
# refuses it. Loaded anyway, kmend unload says why it stays, first while
# another module uses it (EAGAIN), then for the missing exit (EBUSY).
N=kmend_test_noexit
expect_exit 1 "$TESTMODS/$N.ko has no module_exit(): once loaded, the kernel could never remove it" \
	kmend load $TESTMODS/$N.ko
module_loaded $N && fail "$N was inserted although kmend load refused it"
assert_eq "/proc/cmdline after the refused load" "$orig" "$(cat /proc/cmdline)"
run $TESTMODS/kmend-test-insmod $TESTMODS/$N.ko
run insmod $TESTMODS/kmend_test_user.ko
expect_exit 3 "removal of module $N refused: module kmend_test_user uses it" \
	kmend unload $N
assert_eq "enabled after the refused removal" 0 "$(cat $SYSFS/$N/enabled)"
run rmmod kmend_test_user
expect_exit 3 "removal of module $N refused: it has no exit function (module_exit)" \
	kmend unload $N
module_loaded $N || fail "$N is gone"
assert_eq "/proc/cmdline with $N disabled" "$orig" "$(cat /proc/cmdline)"
# $N holds kmend.ko until the guest powers off.
pass cli
