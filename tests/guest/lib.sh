# SPDX-License-Identifier: GPL-2.0
# lib.sh - helpers for guest tests, sourced as `. ./lib.sh` (busybox sh).
#
# A test states its steps with `run` (or `must_fail`), which echo each
# command into the kernel log prefixed by "% ", then compares the kernel
# log with the transcript it expects (`expect_log`), and asserts what user
# space sees (`assert_eq`). The first failed assertion ends the test with
# exit 1 and says what was expected and what was seen.

set -eu

KMEND_KO=/kmend/kmend.ko
SAMPLES=/kmend/samples
TESTMODS=/kmend/tests
SYSFS=/sys/kernel/kmend
TRACING=/sys/kernel/tracing

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

# find_build_patch NAME: set KO to the module kmend build made from
# tests/build-patches (tests/run hands it to the guest in /root).
find_build_patch() {
	KO=/root/$1.ko
	[ -f "$KO" ] || fail "$1.ko not found: build it with tests/build-patches/build"
}

# start_test NAME: begin the kernel log transcript of this test.
start_test() {
	echo "kmend-test: start $1" > /dev/kmsg
	echo "=== $1"
}

# The lines of the kernel log since start_test that belong to the
# transcript: commands ("% "), kmend's messages and the test modules',
# without timestamps,
# with durations as "N us" and addresses as "ADDR", and without the loader's taint notes, which
# depend on what loaded first.
transcript() {
	dmesg | sed -e 's/^\[[ 0-9.]*\] //' -e 's/ [0-9][0-9]* us$/ N us/' \
		-e 's/<[0-9a-f]\{16\}, /<ADDR, /' |
		sed -n '/^kmend-test: start/,$p' |
		grep -E '^(% |kmend: |kmend_test)' |
		grep -vE 'loading out-of-tree module taints kernel|module verification failed' || true
}

# expect_log: compare the transcript with stdin, exactly.
expect_log() {
	local expected seen
	expected=$(cat)
	seen=$(transcript)
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
