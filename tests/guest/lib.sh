# SPDX-License-Identifier: GPL-2.0
# lib.sh - helpers for guest tests, sourced as `. ./lib.sh` (busybox sh).
#
# A test states its steps with `run` (or `must_fail`), which echo each
# command into the kernel log prefixed by "% ", then compares the kernel
# log with the transcript it expects (`expect_log`), and asserts what user
# space sees (`assert_eq`). The first failed assertion ends the test with
# exit 1 and says what was expected and what was seen. In the expected
# transcript, `patching`, `unpatching` and their halves stand for the
# lines kmend.ko logs at each phase of a transition.
#
# RUNTIME (kmend unless set) is what applies the patches: kmend (kmend.ko)
# or livepatch (the kernel's own, for the modules kmend build --runtime
# livepatch made). The helpers below that load the runtime, name its sysfs
# tree and spell its log lines follow it, so one test checks a patch under
# either (tests/guest/test-build-lp.sh runs the build-* tests so).

set -eu

RUNTIME=${RUNTIME:-kmend}
KMEND_KO=/kmend/kmend.ko
SAMPLES=/kmend/samples
TESTMODS=/kmend/tests
SYSFS=/sys/kernel/kmend
[ "$RUNTIME" = kmend ] || SYSFS=/sys/kernel/livepatch
TRACING=/sys/kernel/tracing

# The target module (tests/modules/kmend_test_target.c) whose functions
# most test patches replace, and its parameters, which steer it and
# report what it saw.
T=kmend_test_target
TP=/sys/module/$T/parameters

fail() {
	echo "FAIL: $*"
	exit 1
}

pass() {
	echo "ok: $*"
}

log() {
	echo "% $*" > /dev/kmsg
	echo "% $*"
}

# run CMD...: log the command, run it, fail if it fails.
run() {
	log "$*"
	"$@" || fail "'$*' exited $?"
}

# must_fail CMD...: log the command, run it, fail if it succeeds.
must_fail() {
	log "$*"
	if "$@"; then
		fail "'$*' succeeded but must fail"
	fi
}

# write VALUE FILE: log and perform a sysfs write.
write() {
	log "echo $1 > $2"
	echo "$1" > "$2" || fail "writing $1 to $2 failed"
}

# must_fail_write VALUE FILE WHY: log a write that must be refused, and
# fail if it is not.
must_fail_write() {
	log "echo $1 > $2 (must fail: $3)"
	if echo "$1" > "$2"; then
		fail "writing $1 to $2 succeeded but must fail: $3"
	fi
}

assert_eq() {
	[ "$2" = "$3" ] || fail "$1: expected '$2', saw '$3'"
	pass "$1: '$3'"
}

assert_file_missing() {
	[ ! -e "$1" ] || fail "$1 exists but must not"
}

# wait_for SECONDS CMD...: poll CMD every 0.1 s, at most SECONDS.
wait_for() {
	local limit=$(($1 * 10)) tries=0
	shift
	while ! "$@" 2>/dev/null; do
		tries=$((tries + 1))
		[ "$tries" -le "$limit" ] || fail "timed out waiting for: $*"
		sleep 0.1
	done
}

# transition_done PATCH: its transition file reads 0.
transition_done() {
	[ "$(cat "$SYSFS/$1/transition")" = 0 ]
}

# set_enabled PATCH 0|1: write enabled and wait for the transition's end.
set_enabled() {
	write "$2" "$SYSFS/$1/enabled"
	wait_for 30 transition_done "$1"
}

# kmend_state: what a refused command or write must leave as it was: the
# patches and their flags, the modules with their sizes and use counts,
# the functions ftrace redirects, /proc/cmdline.
kmend_state() {
	local f
	ls $SYSFS 2>/dev/null || true
	for f in $SYSFS/*/enabled $SYSFS/*/transition $SYSFS/*/*/patched; do
		[ -e "$f" ] && echo "$f $(cat "$f")"
	done
	cut -d' ' -f1-3 /proc/modules | sort
	cat $TRACING/enabled_functions 2>/dev/null || true
	cat /proc/cmdline
}

# assert_unchanged WHAT BEFORE: kmend_state is BEFORE still.
assert_unchanged() {
	if [ "$2" != "$(kmend_state)" ]; then
		echo "--- before"; echo "$2"; echo "--- after"; kmend_state
		fail "$1: the refusal changed the state"
	fi
	pass "$1: state unchanged"
}

# kallsyms_addr NAME [MODULE]: the address of a text symbol, 0x-prefixed.
kallsyms_addr() {
	awk -v n="$1" -v m="${2:-}" '$3 == n && ($2 == "t" || $2 == "T") &&
		(m == "" ? NF == 3 : $4 == "[" m "]") { print "0x" $1; exit }' \
		/proc/kallsyms
}

# module_loaded NAME
module_loaded() {
	grep -q "^$1 " /proc/modules
}

load_kmend() {
	module_loaded kmend || run insmod "$KMEND_KO"
}

unload_kmend() {
	run rmmod kmend
}

# load_runtime, unload_runtime: kmend.ko for RUNTIME kmend; the kernel's
# livepatch is built in.
load_runtime() {
	[ "$RUNTIME" != kmend ] || load_kmend
}

unload_runtime() {
	[ "$RUNTIME" != kmend ] || unload_kmend
}

# runtime_loaded, runtime_unloaded: their transcripts.
runtime_loaded() {
	[ "$RUNTIME" != kmend ] || printf '%% insmod %s\nkmend: ready\n' "$KMEND_KO"
}

runtime_unloaded() {
	[ "$RUNTIME" != kmend ] || echo "% rmmod kmend"
}

# only_for RUNTIME CMD...: run CMD (a check of what only that runtime
# shows, such as kmend.ko's old_addr) under that runtime only.
only_for() {
	local want=$1
	shift
	[ "$RUNTIME" != "$want" ] || "$@"
}

# kmend_only WHY: end a test that checks what only kmend.ko does, with the
# exit status 77 of a skipped test, under another runtime.
kmend_only() {
	[ "$RUNTIME" = kmend ] && return 0
	echo "SKIP: kmend.ko only: $*"
	exit 77
}

# load_target: kmend.ko, then the target module.
load_target() {
	load_kmend
	run insmod "$TESTMODS/$T.ko"
}

# load_module NAME...: insmod of the test modules NAME, in order.
load_module() {
	for m; do
		run insmod "$TESTMODS/$m.ko"
	done
}

# load_patch NAME...: `kmend load` of the test patch modules NAME, in order.
load_patch() {
	for m; do
		run kmend load "$TESTMODS/$m.ko"
	done
}

# target_loaded: the transcript of load_target in a guest without kmend.ko.
target_loaded() {
	echo "% insmod $KMEND_KO"
	echo "kmend: ready"
	echo "% insmod $TESTMODS/$T.ko"
}

# hold_worker [PARAMS]: a worker of the target module (whose parameters
# are PARAMS, $TP unless named) enters pair() and sleeps in it, between
# the old produce() and consume(), until `write 0 PARAMS/hold`; a
# transition that replaces pair() waits for it.
hold_worker() {
	write 1 "${1:-$TP}/hold"
	sleep 0.5	# for the worker to get there
}

# replaced_functions PATCH [OBJECT]: what PATCH replaces in OBJECT (vmlinux
# unless named), as its sysfs names the functions: "name,sympos ...".
replaced_functions() {
	(cd "$SYSFS/$1/${2:-vmlinux}" && ls -d -- *,* 2>/dev/null | xargs)
}

# find_build_patch NAME: set KO to the module kmend build made from
# tests/build-patches (tests/run hands it to the guest in /root).
find_build_patch() {
	KO=/root/$1.ko
	[ -f "$KO" ] || fail "$1.ko not found: build it with tests/build-patches/build"
}

# start_test NAME: begin the kernel log transcript of this test, and keep
# /proc/cmdline as it was then in CMDLINE, for a test to check it is so
# again at the end.
start_test() {
	CMDLINE=$(cat /proc/cmdline)
	echo "kmend-test: start $1" > /dev/kmsg
	echo "=== $1"
}

# transcript [ERE]: the lines of the kernel log since the last start_test
# that belong to the transcript, commands ("% "), the runtime's messages
# (kmend: or livepatch:) and the test modules' (or the lines ERE matches),
# without timestamps, with durations as "N us" and addresses as "ADDR", and
# without the loader's taint notes, which depend on what loaded first.
transcript() {
	dmesg | sed -e 's/^\[[ 0-9.]*\] //' -e 's/ [0-9][0-9]* us$/ N us/' \
		-e 's/<[0-9a-f]\{16\}, /<ADDR, /' |
		awk '/^kmend-test: start/ { n = 0 } { line[n++] = $0 }
		     END { for (i = 0; i < n; i++) print line[i] }' |
		grep -E "${1:-^(% |$RUNTIME: |kmend_test)}" |
		grep -vE 'loading out-of-tree module taints kernel|module verification failed' || true
}

# expect_log [ERE]: compare the transcript with stdin, exactly; empty
# lines of stdin (a helper that prints nothing for this RUNTIME) are left
# out.
expect_log() {
	local expected seen
	expected=$(sed '/^$/d')
	seen=$(transcript "$@")
	if [ "$expected" != "$seen" ]; then
		echo "FAIL: kernel log differs from the expected transcript"
		echo "--- expected"
		echo "$expected"
		echo "--- seen"
		echo "$seen"
		exit 1
	fi
	pass "kernel log matches the transcript"
}

# The lines kmend.ko logs as a transition goes, for the transcripts that
# expect_log reads; under RUNTIME livepatch, those the kernel's livepatch
# logs (its other phases are pr_debug), with the callbacks' lines in the
# same places. Each helper prints one phase of PATCH's transition;
# LINES, where given, are what is logged inside it, in order: at
# enabling, the pre-patch callbacks; at patched, the post-patch callbacks
# and the patches replaced; at disabling, the pre-unpatch callbacks; at
# unpatched, the post-unpatch ones. A transition that nothing holds is
# its two halves: `patching` and `unpatching`.

# lines [TEXT...]: each TEXT that is not empty.
lines() {
	local text
	for text in "$@"; do
		[ -z "$text" ] || echo "$text"
	done
}

# enabling PATCH [LINES...]: a patching transition up to its start.
enabling() {
	local patch=$1
	shift
	if [ "$RUNTIME" = livepatch ]; then
		echo "livepatch: enabling patch '$patch'"
		lines "$@"
		echo "livepatch: '$patch': starting patching transition"
		return
	fi
	echo "kmend: enabling patch '$patch'"
	echo "kmend: '$patch': initializing patching transition"
	lines "$@"
	echo "kmend: '$patch': starting patching transition"
}

# patched PATCH [LINES...]: the end of a patching transition.
patched() {
	local patch=$1
	shift
	if [ "$RUNTIME" = livepatch ]; then
		lines "$@"
		echo "livepatch: '$patch': patching complete"
		return
	fi
	echo "kmend: '$patch': completing patching transition"
	lines "$@"
	echo "kmend: '$patch': patching complete"
	echo "kmend: '$patch': transition took N us"
}

# patching PATCH [PRE [POST]]: a whole patching transition.
patching() {
	enabling "$1" "${2:-}"
	patched "$1" "${3:-}"
}

# disabling PATCH [LINES...]: an unpatching transition up to its start.
disabling() {
	local patch=$1
	shift
	if [ "$RUNTIME" = livepatch ]; then
		lines "$@"
		echo "livepatch: '$patch': starting unpatching transition"
		return
	fi
	echo "kmend: disabling patch '$patch'"
	lines "$@"
	echo "kmend: '$patch': initializing unpatching transition"
	echo "kmend: '$patch': starting unpatching transition"
}

# unpatched PATCH [LINES...]: the end of an unpatching transition.
unpatched() {
	local patch=$1
	shift
	if [ "$RUNTIME" = livepatch ]; then
		lines "$@"
		echo "livepatch: '$patch': unpatching complete"
		return
	fi
	echo "kmend: '$patch': completing unpatching transition"
	lines "$@"
	echo "kmend: '$patch': unpatching complete"
	echo "kmend: '$patch': transition took N us"
}

# unpatching PATCH [PRE [POST]]: a whole unpatching transition.
unpatching() {
	disabling "$1" "${2:-}"
	unpatched "$1" "${3:-}"
}

# reversed PATCH [LINES...]: a patching transition turned back (enabled
# written 0 while it runs) and its unpatching end.
reversed() {
	echo "kmend: '$1': reversing transition from patching to unpatching"
	unpatched "$@"
}

# held_and_reversed PATCH: PATCH inserted while the target's worker holds
# its transition, the transition reversed by writing 0, the hold released
# and the patch removed: the steps and what kmend.ko logs for them.
held_and_reversed() {
	echo "% insmod $TESTMODS/$1.ko"
	enabling "$1"
	echo "% echo 0 > $SYSFS/$1/enabled"
	reversed "$1"
	echo "% echo 0 > $TP/hold"
	echo "% rmmod $1"
	echo "kmend: patch '$1' removed"
}

# unloading PATCH [PRE [POST]]: what `kmend unload PATCH` logs for an
# enabled patch: its unpatching transition, then its removal.
unloading() {
	unpatching "$@"
	removed "$1"
}

# removed PATCH: what kmend.ko logs once PATCH's module is gone (the
# kernel's livepatch logs nothing).
removed() {
	[ "$RUNTIME" != kmend ] || echo "kmend: patch '$1' removed"
}

# callbacks PATCH HOOK OBJECT...: the lines a callback of
# kmend_test_callbacks logs for each OBJECT ("vmlinux", or a module and
# its state: "kmend_test_target [LIVE]").
callbacks() {
	local patch=$1 hook=$2 obj
	shift 2
	for obj in "$@"; do
		echo "$patch: $hook: $obj"
	done
}
