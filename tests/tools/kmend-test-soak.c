// SPDX-License-Identifier: GPL-2.0
/*
 * kmend-test-soak - a seeded random walk through kmend's state machine, in
 * the guest, with every invariant checked after every step.
 *
 *	kmend-test-soak [--seed N] [--ops N] [--seconds N] [--verbose]
 *
 * Four patch modules (kmend_test_soak_patch1..4, each loaded with a random
 * consistency model, cumulative or not, on one or both targets) and two
 * target modules (kmend_test_soak_target1, 2) come and go: kmend load and
 * unload, insmod and rmmod, enabled written in and out of transitions
 * (which reverses them), force, a failing pre_patch callback, targets
 * inserted and removed during transitions, tasks held asleep inside the
 * replaced functions so that transitions stay open. Meanwhile hammer
 * processes and each target's kernel thread call the functions; every
 * answer says which version of each function ran (kmend_test_soak.h).
 *
 * The driver keeps a model of what kmend must do and checks, after each
 * step: sysfs (enabled, transition, patched) against the model; ftrace's
 * enabled_functions against sysfs; kmend's counters
 * (/sys/kernel/debug/kmend/state: no stub, task table or task reference
 * left over); module reference counts (an enabled patch is held, a
 * disabled one released, unless a forced or immediate switch may have
 * left a task in its code: then it is pinned); the versions every caller
 * met (only those of the sides of the transitions since the caller
 * started, never a mix of two under the per-task and atomic models); the
 * driver's own call (the top patch, once no transition runs); the patches'
 * own check of their callbacks' order.
 *
 * Each step is logged as "step N: op ..." (to stdout with --verbose, and
 * to the kernel log); the first failure ends the run with the seed and
 * step to run again. The seed fixes the random draws, not the operations:
 * what a draw picks depends on the state the previous steps left (did a
 * transition end within the driver's wait?), so a run again on another
 * core, or under other timing, parts from the first after a few steps.
 * The step log is the exact record of what ran.
 * Exit: 0 no failure, 1 a failure, 2 usage.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/klog.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define NP		4	/* patch modules */
#define NT		2	/* target modules */
#define MAX_SLEEPERS	4
#define SETTLE_MS	30000	/* a transition nothing blocks ends in this */
#define HANG_S		120	/* a step that takes longer is stuck */

#define MODDIR		"/kmend/tests"
#define SYSFS		"/sys/kernel/kmend"
#define STATE		"/sys/kernel/debug/kmend/state"
#define ENABLED_FUNCS	"/sys/kernel/tracing/enabled_functions"
#define HUB		"kmend_test_soak_hub"
#define KMEND_CLI	"/usr/bin/kmend"

enum { PER_TASK, ATOMIC, IMMEDIATE };
static const char *const cons_names[] = { "per-task", "atomic", "immediate" };
enum op {
	OP_LOAD, OP_CLI_LOAD, OP_RMMOD, OP_CLI_UNLOAD, OP_ENABLE, OP_SAME,
	OP_FORCE, OP_TARGET, OP_HOLD_ON, OP_HOLD_OFF, OP_SLEEPER, OP_PRE_PATCH,
	OP_WAIT, OP_SETTLE, NR_OPS,
	NO_ATOMIC = NR_OPS, NO_IMMEDIATE, NO_CUMULATIVE, NO_REENABLE_AFTER_LOAD,
	NO_REENABLE_RETIRED
};
static const char *const op_names[NR_OPS] = {
	"insmod", "kmend-load", "rmmod", "kmend-unload", "enabled",
	"enabled-same", "force", "target", "hold-on", "hold-off", "sleeper",
	"pre-patch", "wait", "settle"
};
static const char *const funcs[] = {
	"kmend_soak_produce_fn", "kmend_soak_consume_fn", "kmend_soak_pair_fn"
};

struct mpatch {
	bool loaded;
	bool enabled;		/* patch->enabled, as sysfs shows it */
	bool pinned;		/* may never be released again */
	bool may_pin;		/* a kmend.ko may pin it, or not */
	int cons;
	bool replace;
	int objs;		/* bit t: patches target t */
	int pre_ret;
	unsigned long order;	/* of the last enable: higher is on top */
	int late_objs;		/* bit t: target t loaded while disabled */
	bool retired;		/* a cumulative patch superseded it */
};

struct model {
	struct mpatch p[NP];
	bool tloaded[NT];
	bool hold[NT];
	int tp;			/* patch in transition, or -1 */
	int tdir;		/* its target: 1 patched, 0 unpatched */
	bool treplacing;	/* tp supersedes the other enabled patches */
	unsigned long order;
};

static struct model m = { .tp = -1 };
static uint64_t seed, rng;
static unsigned long step;
static bool verbose;
static int kmsg = -1;
static pid_t hammers[2], sleepers[MAX_SLEEPERS];
static char last_op[256];
static unsigned int without;	/* bits: op kinds and models left out */

/* Shared with the watchdog, which reports a step stuck in the kernel. */
struct progress {
	unsigned long step;
	time_t since;
	char op[256];
};
static struct progress *progress;

/*
 * What callers of target t may have met since the oldest call that may
 * still be in flight started: a bit per version. Calls that slept inside
 * pair() (held) may have started many steps ago, so the set only starts
 * afresh once t has been free of holds and sleepers for a whole step.
 */
static unsigned int allowed[NT], allowed_prev[NT];
/* A forced or immediate switch since then: a mix is no error. */
static bool mix_ok[NT], mix_ok_prev[NT];
static bool quiet_before[NT];

/* ---- the PRNG: splitmix64, so that a seed gives the same run anywhere */

static uint64_t rnd64(void)
{
	uint64_t z = (rng += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static unsigned int rnd(unsigned int n)
{
	return rnd64() % n;
}

static bool chance(unsigned int percent)
{
	return rnd(100) < percent;
}

/* ---- logging and failure */

/* One record of the kernel log (dprintf() cannot write to /dev/kmsg). */
static void kmsg_line(const char *what, const char *line)
{
	char buf[600];
	int n;

	if (kmsg < 0)
		return;
	n = snprintf(buf, sizeof(buf), "kmend-soak: %s%s\n", what, line);
	if (n > 0 && write(kmsg, buf, n < (int)sizeof(buf) ? n : (int)sizeof(buf) - 1) < 0)
		return;
}

static void logmsg(const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if (verbose) {
		printf("%s\n", buf);
		fflush(stdout);
	}
	kmsg_line("", buf);
	if (progress && !strncmp(buf, "step ", 5))
		snprintf(progress->op, sizeof(progress->op), "%s", last_op);
}

static void release_holds(void);
static void dump_model(void);

/*
 * The whole kernel log, NUL-terminated, read anew into one buffer its
 * callers share (each is done with it before the next call); NULL when it
 * cannot be read or is empty. @len, if given, gets its length.
 */
static char *read_kernel_log(int *len)
{
	static char log[1 << 20];
	int n;

	n = klogctl(3, log, sizeof(log) - 1);	/* SYSLOG_ACTION_READ_ALL */
	if (n <= 0)
		return NULL;
	log[n] = 0;
	if (len)
		*len = n;
	return log;
}

/* The kernel log's last lines about kmend, for the failure report. */
static void show_kernel_log(void)
{
	char *log, *line, *lines[60];
	int i, nr = 0;

	log = read_kernel_log(NULL);
	if (!log)
		return;
	for (line = strtok(log, "\n"); line; line = strtok(NULL, "\n"))
		if (strstr(line, "kmend-soak: step"))
			continue;
		else if (strstr(line, "kmend") || strstr(line, "BUG") ||
		    strstr(line, "Oops") || strstr(line, "RIP:"))
			lines[nr++ % 60] = line;
	printf("kernel log (kmend, last lines):\n");
	for (i = nr > 60 ? nr - 60 : 0; i < nr; i++)
		printf("  %s\n", lines[i % 60]);
}

static void __attribute__((noreturn, format(printf, 1, 2)))
fail(const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	printf("FAIL at step %lu (%s): %s\n", step, last_op, buf);
	printf("reproduce: kmend-test-soak --seed %llu --ops %lu\n",
	       (unsigned long long)seed, step);
	fflush(stdout);
	kmsg_line("FAIL: ", buf);
	dump_model();
	show_kernel_log();
	/* Held tasks go back to what they ran: a freed module shows now. */
	release_holds();
	printf("soak: seed %llu: %lu steps, 1 failure\n",
	       (unsigned long long)seed, step);
	exit(1);
}

/* ---- files */

static int write_file(const char *path, const char *val)
{
	int fd, ret = 0;

	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (write(fd, val, strlen(val)) < 0)
		ret = -errno;
	close(fd);
	return ret;
}

static int read_file(const char *path, char *buf, size_t size)
{
	ssize_t n;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, size - 1);
	close(fd);
	if (n < 0)
		return -errno;
	buf[n] = 0;
	return 0;
}

static int read_int(const char *path, int *val)
{
	char buf[64];
	int ret = read_file(path, buf, sizeof(buf));

	if (ret)
		return ret;
	*val = atoi(buf);
	return 0;
}

static bool exists(const char *path)
{
	return access(path, F_OK) == 0;
}

static const char *pname(int p)
{
	static const char *const names[NP] = {
		"kmend_test_soak_patch1", "kmend_test_soak_patch2",
		"kmend_test_soak_patch3", "kmend_test_soak_patch4",
	};

	return names[p];
}

static const char *tname(int t)
{
	static const char *const names[NT] = {
		"kmend_test_soak_target1", "kmend_test_soak_target2",
	};

	return names[t];
}

static int version(int p)
{
	return p + 2;
}

static int patch_attr(int p, const char *attr, int *val)
{
	char path[256];

	snprintf(path, sizeof(path), SYSFS "/%s/%s", pname(p), attr);
	return read_int(path, val);
}

static int write_patch_attr(int p, const char *attr, const char *val)
{
	char path[256];

	snprintf(path, sizeof(path), SYSFS "/%s/%s", pname(p), attr);
	return write_file(path, val);
}

static int module_param(const char *mod, const char *param, int *val)
{
	char path[256];

	snprintf(path, sizeof(path), "/sys/module/%s/parameters/%s", mod, param);
	return read_int(path, val);
}

static int write_module_param(const char *mod, const char *param,
			      const char *val)
{
	char path[256];

	snprintf(path, sizeof(path), "/sys/module/%s/parameters/%s", mod, param);
	return write_file(path, val);
}

static int refcnt(const char *mod)
{
	char path[256];
	int val;

	snprintf(path, sizeof(path), "/sys/module/%s/refcnt", mod);
	if (read_int(path, &val))
		fail("cannot read %s: %s", path, strerror(errno));
	return val;
}

static bool module_loaded(const char *mod)
{
	char path[256];

	snprintf(path, sizeof(path), "/sys/module/%s/initstate", mod);
	return exists(path);
}

/* ---- modules */

static int insmod(const char *mod, const char *params)
{
	char path[256];
	int fd, ret = 0;

	snprintf(path, sizeof(path), MODDIR "/%s.ko", mod);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		fail("%s: open: %s", path, strerror(errno));
	if (syscall(SYS_finit_module, fd, params, 0))
		ret = -errno;
	close(fd);
	return ret;
}

static int rmmod(const char *mod)
{
	return syscall(SYS_delete_module, mod, O_NONBLOCK) ? -errno : 0;
}

/* Runs the kmend command; returns its exit status. */
static int run_cli(char *const argv[])
{
	int status;
	pid_t pid = fork();

	if (pid < 0)
		fail("fork: %s", strerror(errno));
	if (!pid) {
		int null = open("/dev/null", O_WRONLY);

		if (!verbose && null >= 0) {
			dup2(null, 1);
			dup2(null, 2);
		}
		execv(KMEND_CLI, argv);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) < 0)
		fail("waitpid: %s", strerror(errno));
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

/* ---- the model's view of the functions' stacks */

static bool active(int p)
{
	return m.p[p].loaded && (m.p[p].enabled || m.tp == p);
}

/* The version the top of target t's stacks gives, without @skip. */
static int top_version(int t, int skip)
{
	unsigned long best = 0;
	int p, v = 1;

	for (p = 0; p < NP; p++) {
		if (p == skip || !active(p) || !(m.p[p].objs & (1 << t)))
			continue;
		if (m.p[p].order > best) {
			best = m.p[p].order;
			v = version(p);
		}
	}
	return v;
}

/* The versions tasks on the patched and unpatched sides get now. */
static unsigned int side_versions(int t)
{
	unsigned int set;

	if (m.tp < 0)
		return 1u << top_version(t, -1);
	set = 1u << top_version(t, m.tp);
	if (m.treplacing)
		set |= 1u << (m.p[m.tp].objs & (1 << t) ? version(m.tp) : 1);
	else
		set |= 1u << top_version(t, -1);
	return set;
}

static void note_sides(void)
{
	int t;

	for (t = 0; t < NT; t++)
		allowed[t] |= side_versions(t);
}

/* ---- transitions in the model */

/* Has @p code that a task may run: a patched object? */
static bool has_patched(int p)
{
	int t;

	for (t = 0; t < NT; t++)
		if ((m.p[p].objs & (1 << t)) && m.tloaded[t])
			return true;
	return false;
}

/*
 * A task may be inside @p's code, unchecked: its module must stay. With
 * no object patched there is no such task, and kmend.ko may pin it anyway
 * (a forced patch always is).
 */
static void pin(int p, const char *why, bool always)
{
	if (!always && !has_patched(p)) {
		m.p[p].may_pin = true;
		return;
	}
	if (!m.p[p].pinned)
		logmsg("  %s pinned (%s)", pname(p), why);
	m.p[p].pinned = true;
}

/* Marks what a forced or immediate switch may leave tasks inside. */
static void pin_unchecked(const char *why, bool forced)
{
	int p, t;

	pin(m.tp, why, forced);
	if (m.treplacing && m.tdir)
		for (p = 0; p < NP; p++)
			if (p != m.tp && m.p[p].loaded && m.p[p].enabled)
				pin(p, why, false);
	for (t = 0; t < NT; t++)
		mix_ok[t] = true;
}

static void start_transition(int p, int dir)
{
	m.tp = p;
	m.tdir = dir;
	m.treplacing = dir && m.p[p].replace;
	m.p[p].enabled = dir;
	if (dir)
		m.p[p].order = ++m.order;
	note_sides();
}

static void complete_transition(void)
{
	int p, tp = m.tp;

	if (m.p[tp].cons == IMMEDIATE)
		pin_unchecked("immediate switch", false);
	note_sides();
	if (m.tdir && m.treplacing)
		for (p = 0; p < NP; p++)
			if (p != tp && m.p[p].loaded && m.p[p].enabled) {
				m.p[p].enabled = false;
				m.p[p].retired = true;
				logmsg("  %s replaced by %s", pname(p), pname(tp));
			}
	m.p[tp].enabled = m.tdir;
	m.tp = -1;
	m.treplacing = false;
	logmsg("  %s: transition to %s complete", pname(tp),
	       m.tdir ? "patched" : "unpatched");
	note_sides();
}

/* The transition of the model ended in the kernel? */
static bool transition_ended(void)
{
	int val;

	if (m.tp < 0)
		return false;
	if (!m.p[m.tp].loaded)
		fail("%s in transition but not loaded", pname(m.tp));
	if (patch_attr(m.tp, "transition", &val))
		fail("%s: cannot read transition", pname(m.tp));
	return !val;
}

/* Catches up with a transition that ended meanwhile. */
static void sync_transition(void)
{
	if (transition_ended())
		complete_transition();
}

/* ---- invariants */

/*
 * The checks that read state a transition ending meanwhile may change
 * return false with check_msg set; check_invariants() reads again once
 * the model caught up, and fails only on a mismatch that stays.
 */
static char check_msg[512];

static bool __attribute__((format(printf, 1, 2))) check_fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(check_msg, sizeof(check_msg), fmt, ap);
	va_end(ap);
	return false;
}

static bool check_sysfs(void)
{
	int p, t, val, tr;
	char path[256];

	for (p = 0; p < NP; p++) {
		snprintf(path, sizeof(path), SYSFS "/%s", pname(p));
		if (exists(path) != m.p[p].loaded)
			return check_fail("%s: sysfs directory %s, module %s", pname(p),
			     exists(path) ? "present" : "missing",
			     m.p[p].loaded ? "loaded" : "not loaded");
		if (module_loaded(pname(p)) != m.p[p].loaded)
			return check_fail("%s: module %sloaded, model says the opposite",
			     pname(p), m.p[p].loaded ? "not " : "");
		if (!m.p[p].loaded)
			continue;
		if (patch_attr(p, "enabled", &val) ||
		    patch_attr(p, "transition", &tr))
			return check_fail("%s: cannot read its sysfs files", pname(p));
		if (val != m.p[p].enabled)
			return check_fail("%s: enabled=%d, expected %d", pname(p), val,
			     m.p[p].enabled);
		if (tr != (m.tp == p))
			return check_fail("%s: transition=%d, expected %d", pname(p), tr,
			     m.tp == p);
		for (t = 0; t < NT; t++) {
			if (!(m.p[p].objs & (1 << t)))
				continue;
			snprintf(path, sizeof(path), SYSFS "/%s/%s/patched",
				 pname(p), tname(t));
			if (read_int(path, &val))
				return check_fail("cannot read %s", path);
			if (val != (active(p) && m.tloaded[t]))
				return check_fail("%s: patched=%d, expected %d (enabled=%d, in transition=%d, %s %sloaded)",
				     path, val, active(p) && m.tloaded[t],
				     m.p[p].enabled, m.tp == p, tname(t),
				     m.tloaded[t] ? "" : "not ");
		}
	}
	return true;
}

static bool target_patched(int t)
{
	int p;

	for (p = 0; p < NP; p++)
		if (active(p) && (m.p[p].objs & (1 << t)))
			return true;
	return false;
}

/* ftrace redirects a target's functions exactly while sysfs says so. */
static bool check_enabled_functions(void)
{
	static char buf[1 << 16];
	char want[128], *line;
	int t, f, n, found;

	if (read_file(ENABLED_FUNCS, buf, sizeof(buf)))
		return check_fail("cannot read " ENABLED_FUNCS);
	for (t = 0; t < NT; t++) {
		for (f = 0; f < 3; f++) {
			snprintf(want, sizeof(want), "%s [%s]", funcs[f],
				 tname(t));
			n = strlen(want);
			found = 0;
			for (line = buf; line && *line;
			     line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL)
				if (!strncmp(line, want, n) && line[n] == ' ')
					found++;
			if (found != (m.tloaded[t] && target_patched(t)))
				return check_fail("enabled_functions lists %s %d times, expected %d",
				     want, found,
				     m.tloaded[t] && target_patched(t));
		}
	}
	return true;
}

static int state_value(const char *buf, const char *key)
{
	const char *s = strstr(buf, key);

	if (!s)
		fail(STATE " has no %s", key + 1);
	return atoi(s + strlen(key) + 1);
}

/* No stub, task table or task reference outlives its use. */
static bool check_counters(void)
{
	char buf[512];
	int ops, fast, stubs, tables, refs, t, want_ops = 0;

	buf[0] = '\n';
	if (read_file(STATE, buf + 1, sizeof(buf) - 1))
		return check_fail("cannot read " STATE);
	ops = state_value(buf, "\nops");
	fast = state_value(buf, "\nfast");
	stubs = state_value(buf, "\nstubs");
	tables = state_value(buf, "\ntask_tables");
	refs = state_value(buf, "\ntask_refs");
	for (t = 0; t < NT; t++)
		if (m.tloaded[t] && target_patched(t))
			want_ops += 3;
	if (stubs != fast)
		return check_fail(STATE ": %d stubs in use for %d fast addresses", stubs, fast);
	if (ops != want_ops)
		return check_fail(STATE ": %d redirected addresses, expected %d", ops,
		     want_ops);
	/*
	 * A task work still queued may keep a table of a finished transition
	 * (and its task references) until its task returns to user mode:
	 * settle() checks that they go once no task is held.
	 */
	(void)tables;
	(void)refs;
	if (m.tp >= 0)
		return true;
	if (fast != ops)
		return check_fail(STATE ": %d of %d addresses fast with no transition",
		     fast, ops);
	return true;
}

/* Reference counts: kmend holds an active patch, pins an unchecked one. */
static bool check_refcounts(void)
{
	int p, t, n, loaded = 0, targets = 0;
	bool maybe_released;

	for (p = 0; p < NP; p++) {
		if (!m.p[p].loaded)
			continue;
		loaded++;
		n = refcnt(pname(p));
		/* A transition may end, and release, while we read. */
		maybe_released = m.tp >= 0 && !m.p[p].pinned &&
			((m.tp == p && !m.tdir) ||
			 (m.treplacing && m.tdir && p != m.tp && m.p[p].enabled));
		if (m.p[p].may_pin && !m.p[p].pinned && !active(p) && n <= 1)
			continue;
		if (m.p[p].pinned) {
			if (n < 1)
				return check_fail("%s: refcnt %d, but it is pinned: a task may still run its code",
				     pname(p), n);
		} else if (active(p)) {
			if (n != 1 && !(maybe_released && n == 0))
				return check_fail("%s: refcnt %d, expected 1 (enabled=%d, in transition=%d)",
				     pname(p), n, m.p[p].enabled, m.tp == p);
		} else if (n != 0) {
			return check_fail("%s: refcnt %d, expected 0: disabled, released",
			     pname(p), n);
		}
	}
	for (t = 0; t < NT; t++) {
		if (!m.tloaded[t])
			continue;
		targets++;
		if ((n = refcnt(tname(t))) != 0)
			return check_fail("%s: refcnt %d, expected 0 (kmend holds no target)",
			     tname(t), n);
	}
	if ((n = refcnt("kmend")) != loaded)
		return check_fail("kmend: refcnt %d, expected %d (one per patch module)", n,
		     loaded);
	if ((n = refcnt(HUB)) != loaded + targets)
		return check_fail(HUB ": refcnt %d, expected %d", n, loaded + targets);
	return true;
}

static void check_callbacks(void)
{
	int p, n;

	for (p = 0; p < NP; p++) {
		if (!m.p[p].loaded)
			continue;
		if (module_param(pname(p), "cb_errors", &n))
			fail("%s: cannot read cb_errors", pname(p));
		if (n)
			fail("%s: %d callbacks out of order (see the kernel log)",
			     pname(p), n);
	}
}

static void versions_str(unsigned int set, char *buf, size_t size)
{
	int v, n = 0;

	buf[0] = 0;
	for (v = 0; v < 32; v++)
		if (set & (1u << v))
			n += snprintf(buf + n, size - n, "%s%d", n ? "," : "", v);
}

/* What every caller met: sides of the transitions it may have straddled. */
static void check_callers(void)
{
	char a[64], s[64];
	int t, seen, mixed;

	for (t = 0; t < NT; t++) {
		if (!m.tloaded[t])
			continue;
		note_sides();
		if (module_param(tname(t), "seen", &seen) ||
		    module_param(tname(t), "mixed", &mixed))
			fail("%s: cannot read its counters", tname(t));
		if (seen & ~(allowed[t] | allowed_prev[t])) {
			versions_str(seen, s, sizeof(s));
			versions_str(allowed[t] | allowed_prev[t], a, sizeof(a));
			fail("%s: callers met versions %s, only %s possible",
			     tname(t), s, a);
		}
		if (mixed && !mix_ok[t] && !mix_ok_prev[t])
			fail("%s: %d calls met two versions at once, under a consistency model",
			     tname(t), mixed);
	}
}

/* With no transition, the driver's own call gets the top patch. */
static void check_behaviour(void)
{
	char path[256], buf[64];
	int t, pair, format, mismatch, want;

	if (m.tp >= 0)
		return;
	for (t = 0; t < NT; t++) {
		if (!m.tloaded[t])
			continue;
		snprintf(path, sizeof(path), "/sys/module/%s/parameters/pair",
			 tname(t));
		if (read_file(path, buf, sizeof(buf)) ||
		    sscanf(buf, "%d %d %d", &pair, &format, &mismatch) != 3)
			fail("cannot read %s", path);
		want = top_version(t, -1);
		if (pair != want || format != want || mismatch)
			fail("%s: pair() ran version %d, produce() %d, consume() %s; expected %d everywhere",
			     tname(t), pair, format,
			     mismatch ? "another" : "the same", want);
	}
}

/* Waits for whatever kmend.ko is doing under kmend_mutex. */
static void barrier_read(void)
{
	char buf[512];

	read_file(STATE, buf, sizeof(buf));
}

/* An Oops, a WARNING, a bad page or a lockup taints the kernel. */
static void check_taint(void)
{
	static const struct { int bit; const char *what; } taints[] = {
		{ 4, "machine check" }, { 5, "bad page (slab corruption?)" },
		{ 7, "Oops" }, { 9, "WARNING" }, { 14, "soft lockup" },
	};
	unsigned int i;
	int val;

	if (read_int("/proc/sys/kernel/tainted", &val))
		fail("cannot read /proc/sys/kernel/tainted");
	for (i = 0; i < sizeof(taints) / sizeof(taints[0]); i++)
		if (val & (1 << taints[i].bit))
			fail("the kernel is tainted by a %s: see its log",
			     taints[i].what);
}

static void check_invariants(void)
{
	int tries;

	check_taint();
	for (tries = 0;; tries++) {
		sync_transition();
		if (check_sysfs() && check_enabled_functions() &&
		    check_counters() && check_refcounts())
			break;
		/*
		 * Read while a transition ended: its end runs under
		 * kmend_mutex, which reading STATE takes, so once that read
		 * returns the end is complete; read again.
		 */
		if (tries < 3 && m.tp >= 0) {
			barrier_read();
			continue;
		}
		fail("%s", check_msg);
	}
	check_callbacks();
	check_callers();
	check_behaviour();
	check_taint();
	sync_transition();
}

/* ---- the operations */

static void reap_sleepers(void)
{
	int i;

	for (i = 0; i < MAX_SLEEPERS; i++)
		if (sleepers[i] && waitpid(sleepers[i], NULL, WNOHANG) > 0)
			sleepers[i] = 0;
}

static int nr_sleepers(void)
{
	int i, n = 0;

	reap_sleepers();
	for (i = 0; i < MAX_SLEEPERS; i++)
		n += !!sleepers[i];
	return n;
}

static void write_hold(void)
{
	char val[16];

	snprintf(val, sizeof(val), "%d,%d", m.hold[0], m.hold[1]);
	if (write_module_param(HUB, "hold", val))
		fail("cannot write hold=%s to " HUB, val);
}

static void release_holds(void)
{
	int i;

	m.hold[0] = m.hold[1] = false;
	write_module_param(HUB, "hold", "0,0");
	for (i = 0; i < MAX_SLEEPERS; i++)
		if (sleepers[i]) {
			waitpid(sleepers[i], NULL, 0);
			sleepers[i] = 0;
		}
	usleep(200000);
}

/* An expected error, or success; anything else fails. */
static void expect(int ret, int want, const char *what)
{
	if (ret != want)
		fail("%s returned %s, expected %s", what,
		     ret ? strerror(-ret) : "success",
		     want ? strerror(-want) : "success");
}

/*
 * Patch modules a forced or immediate switch pinned never go: once two
 * are, the others are kept free of both, so that a long run still loads
 * and removes patches.
 */
static bool may_pin_more(void)
{
	int p, n = 0;

	for (p = 0; p < NP; p++)
		n += m.p[p].loaded && (m.p[p].pinned || m.p[p].may_pin);
	return n < 2;
}

/* A patch's random make-up, for its next load. */
static void choose_patch(int p)
{
	m.p[p].cons = chance(60) ? PER_TASK : chance(50) ? ATOMIC : IMMEDIATE;
	if ((m.p[p].cons == ATOMIC && (without & (1u << NO_ATOMIC))) ||
	    (m.p[p].cons == IMMEDIATE &&
	     ((without & (1u << NO_IMMEDIATE)) || !may_pin_more())))
		m.p[p].cons = PER_TASK;
	m.p[p].replace = chance(35) && !(without & (1u << NO_CUMULATIVE));
	m.p[p].objs = 1 + rnd(3);
	m.p[p].pre_ret = chance(10) ? -19 : 0;
}

/* Would enabling @p now fail in a pre_patch callback? */
static bool pre_patch_fails(int p)
{
	int t;

	for (t = 0; t < NT; t++)
		if (m.p[p].pre_ret && (m.p[p].objs & (1 << t)) && m.tloaded[t])
			return true;
	return false;
}

/*
 * After an enable that kmend accepted: the transition runs, or already
 * ended. An atomic one may be refused when a task is in the way.
 */
static void enable_done(int p, int ret, const char *what)
{
	if (m.p[p].cons == ATOMIC && ret == -EBUSY) {
		logmsg("  atomic switch refused: a task is in the way");
		return;
	}
	expect(ret, 0, what);
	start_transition(p, 1);
	sync_transition();
}

static int enable_errno(int p)
{
	if (m.tp >= 0)
		return -EBUSY;
	if (pre_patch_fails(p))
		return m.p[p].pre_ret;
	return 0;
}

static void op_load(int p)
{
	char params[128];
	int ret, want;

	choose_patch(p);
	snprintf(params, sizeof(params),
		 "consistency=%d replace=%d objs=%d pre_patch_ret=%d",
		 m.p[p].cons, m.p[p].replace, m.p[p].objs, m.p[p].pre_ret);
	snprintf(last_op, sizeof(last_op), "insmod %s %s (%s%s)", pname(p),
		 params, cons_names[m.p[p].cons],
		 m.p[p].replace ? ", cumulative" : "");
	logmsg("step %lu: %s", step, last_op);
	sync_transition();
	want = enable_errno(p);
	ret = insmod(pname(p), params);
	/* The transition in the way may have ended meanwhile. */
	if (want == -EBUSY && ret != -EBUSY && transition_ended()) {
		complete_transition();
		want = enable_errno(p);
	}
	if (want) {
		expect(ret, want, "insmod");
		return;
	}
	if (ret == -EBUSY && m.p[p].cons == ATOMIC) {
		logmsg("  atomic switch refused: a task is in the way");
		return;
	}
	expect(ret, 0, "insmod");
	m.p[p].loaded = true;
	m.p[p].enabled = false;
	m.p[p].pinned = m.p[p].may_pin = false;
	m.p[p].late_objs = 0;
	m.p[p].retired = false;
	enable_done(p, 0, "insmod");
}

/* Did a replace by @p retire the patches the model still has enabled? */
static bool replace_completed(int p)
{
	int q, val;

	for (q = 0; q < NP; q++)
		if (q != p && m.p[q].loaded && m.p[q].enabled &&
		    !patch_attr(q, "enabled", &val) && !val)
			return true;
	return false;
}

/*
 * What kmend load did after inserting @p: the transition ended, or it
 * timed out and was reversed (still reversing, or done), or it ended just
 * as the timeout struck and the write of 0 disabled the patch again.
 */
static void cli_loaded(int p)
{
	int enabled, tr;

	start_transition(p, 1);
	if (patch_attr(p, "enabled", &enabled) ||
	    patch_attr(p, "transition", &tr))
		fail("%s: cannot read its sysfs files", pname(p));
	if (enabled) {
		sync_transition();
		return;
	}
	logmsg("  kmend load disabled it again");
	if (!tr && m.treplacing && replace_completed(p))
		complete_transition();
	m.tp = p;
	m.tdir = 0;
	m.p[p].enabled = false;
	note_sides();
	sync_transition();
}

/* kmend load: waits for a transition before and after, reverses on timeout. */
static void op_cli_load(int p)
{
	char file[128], timeout[8], c[32], r[32], o[32], pp[32];
	char *argv[] = { "kmend", "load", file, "--timeout", timeout,
			 c, r, o, pp, NULL };
	bool busy = m.tp >= 0;
	int ret;

	choose_patch(p);
	snprintf(file, sizeof(file), MODDIR "/%s.ko", pname(p));
	snprintf(timeout, sizeof(timeout), "%u", 1 + rnd(2));
	snprintf(c, sizeof(c), "consistency=%d", m.p[p].cons);
	snprintf(r, sizeof(r), "replace=%d", m.p[p].replace);
	snprintf(o, sizeof(o), "objs=%d", m.p[p].objs);
	snprintf(pp, sizeof(pp), "pre_patch_ret=%d", m.p[p].pre_ret);
	snprintf(last_op, sizeof(last_op), "kmend load %s --timeout %s %s %s %s %s",
		 pname(p), timeout, c, r, o, pp);
	logmsg("step %lu: %s", step, last_op);
	ret = run_cli(argv);
	logmsg("  kmend load exited %d", ret);
	/* It waited for the transition under way first, if there was one. */
	sync_transition();
	if (!module_loaded(pname(p))) {
		if (!ret)
			fail("kmend load succeeded, but %s is not loaded",
			     pname(p));
		if (!busy && !pre_patch_fails(p) && m.p[p].cons != ATOMIC)
			fail("kmend load failed, with nothing in the way");
		return;
	}
	if (m.tp >= 0)
		fail("%s loaded while %s was in transition", pname(p),
		     pname(m.tp));
	if (pre_patch_fails(p))
		fail("%s loaded, but its pre_patch callback fails", pname(p));
	m.p[p].loaded = true;
	m.p[p].pinned = m.p[p].may_pin = false;
	m.p[p].late_objs = 0;
	m.p[p].retired = false;
	cli_loaded(p);
	if (!ret != (m.p[p].enabled && m.tp < 0))
		fail("kmend load exited %d, but %s is %s", ret, pname(p),
		     m.p[p].enabled && m.tp < 0 ? "enabled" : "not enabled");
}

/* Could @p's module go now? A transition may still release it. */
static bool removable(int p)
{
	sync_transition();
	return !active(p) && !m.p[p].pinned;
}

/*
 * The module may go exactly when kmend holds no reference on it: @before
 * is what removable() said before the attempt, which returned @ret.
 */
static void unloaded(int p, int ret, bool before)
{
	bool now = removable(p);

	if (!ret && !now)
		fail("%s removed while %s", pname(p),
		     m.p[p].pinned ? "pinned: a task may still run its code" :
				     "enabled or in transition");
	if (ret && before && !m.p[p].may_pin)
		fail("%s could not be removed (%s), but kmend must have released it",
		     pname(p), strerror(-ret));
	if (!ret) {
		m.p[p].loaded = false;
		m.p[p].enabled = false;
	}
}

static void op_rmmod_patch(int p)
{
	bool before;
	int ret;

	snprintf(last_op, sizeof(last_op), "rmmod %s", pname(p));
	logmsg("step %lu: %s", step, last_op);
	before = removable(p);
	ret = rmmod(pname(p));
	unloaded(p, ret, before);
}

/* kmend unload, with no transition under way: disable, wait, remove. */
static void op_cli_unload(int p)
{
	char timeout[8];
	char *argv[] = { "kmend", "unload", (char *)pname(p), "--timeout",
			 timeout, NULL };
	bool was_enabled = m.p[p].enabled;
	int ret, val;

	snprintf(timeout, sizeof(timeout), "%u", 1 + rnd(2));
	snprintf(last_op, sizeof(last_op), "kmend unload %s --timeout %s",
		 pname(p), timeout);
	logmsg("step %lu: %s", step, last_op);
	ret = run_cli(argv);
	logmsg("  kmend unload exited %d", ret);
	if (was_enabled) {
		if (!module_loaded(pname(p)))
			val = 0;
		else if (patch_attr(p, "enabled", &val))
			fail("%s: cannot read enabled", pname(p));
		if (!val) {
			start_transition(p, 0);
			if (!module_loaded(pname(p)))
				complete_transition();
			else
				sync_transition();
		}
	}
	if (!module_loaded(pname(p))) {
		unloaded(p, 0, false);
		if (ret)
			fail("kmend unload exited %d, but %s is gone", ret,
			     pname(p));
		return;
	}
	if (!ret)
		fail("kmend unload succeeded, but %s is still loaded", pname(p));
	/* It retried the removal for 5 s after the transition ended. */
	unloaded(p, -EBUSY, false);
}

/* Is @p above every other active patch in the kernel's list? */
static bool on_top(int p)
{
	int q, mine, other;

	if (patch_attr(p, "stack_order", &mine))
		fail("%s: cannot read stack_order", pname(p));
	for (q = 0; q < NP; q++)
		if (q != p && active(q) &&
		    (patch_attr(q, "stack_order", &other) || other > mine))
			return false;
	return true;
}

/*
 * Did the write to @p's enabled file just made reverse its transition? The
 * write logs either "'P': reversing transition" or, when the transition
 * had ended just before, "enabling patch 'P'" / "disabling patch 'P'" for
 * a new one; whichever stands last in the kernel log tells.
 */
static bool write_reversed(int p)
{
	char reversing[96], starting[2][96];
	const char *log, *rev, *start, *at;
	int i;

	log = read_kernel_log(NULL);
	if (!log)
		fail("klogctl: %s", strerror(errno));
	snprintf(reversing, sizeof(reversing), "kmend: '%s': reversing transition",
		 pname(p));
	snprintf(starting[0], sizeof(starting[0]), "kmend: enabling patch '%s'",
		 pname(p));
	snprintf(starting[1], sizeof(starting[1]), "kmend: disabling patch '%s'",
		 pname(p));
	for (rev = NULL, at = log; (at = strstr(at, reversing)); at++)
		rev = at;
	for (start = NULL, i = 0; i < 2; i++)
		for (at = log; (at = strstr(at, starting[i])); at++)
			if (!start || at > start)
				start = at;
	return rev && (!start || rev > start);
}

/*
 * Writing the opposite value during @p's own transition reverses it, or,
 * when the transition ended just before, starts the opposite one.
 */
static void enable_own(int p, bool to, int ret)
{
	if (m.p[p].cons == ATOMIC && ret == -EBUSY) {
		sync_transition();
		if (m.tp < 0) {
			logmsg("  atomic switch refused: a task is in the way");
			return;
		}
	}
	expect(ret, 0, "the write");
	if (!write_reversed(p)) {
		complete_transition();
		logmsg("  the transition had ended: a new one");
		start_transition(p, to);
		sync_transition();
		return;
	}
	logmsg("  reversed to %s", to ? "patched" : "unpatched");
	m.tdir = to;
	m.p[p].enabled = to;
	if (to && on_top(p))
		m.p[p].order = ++m.order;
	note_sides();
	sync_transition();
}

static void op_enable(int p, bool same)
{
	bool to, busy;
	int ret, want;

	sync_transition();
	to = same ? m.p[p].enabled : !m.p[p].enabled;
	busy = m.tp >= 0 && m.tp != p;
	snprintf(last_op, sizeof(last_op), "echo %d > %s/enabled%s", to,
		 pname(p), m.tp == p ? " (in its transition)" :
		 busy ? " (another in transition)" : "");
	logmsg("step %lu: %s", step, last_op);
	ret = write_patch_attr(p, "enabled", to ? "1" : "0");
	if (to == m.p[p].enabled) {
		expect(ret, -EINVAL, "the write");
		return;
	}
	if (m.tp == p) {
		enable_own(p, to, ret);
		return;
	}
	if (busy && ret == -EBUSY) {
		sync_transition();
		return;
	}
	/* Accepted: the other transition had ended before the write. */
	if (busy && !transition_ended())
		fail("the write returned %s while %s is in transition",
		     ret ? strerror(-ret) : "success", pname(m.tp));
	sync_transition();
	if (to == m.p[p].enabled) {
		/* The transition that ended had replaced @p: disabled already. */
		expect(ret, -EINVAL, "the write");
		return;
	}
	if (!to) {
		if (m.p[p].cons == ATOMIC && ret == -EBUSY) {
			logmsg("  atomic switch refused: a task is in the way");
			return;
		}
		expect(ret, 0, "the write");
		start_transition(p, 0);
		sync_transition();
		return;
	}
	want = enable_errno(p);
	if (want) {
		m.p[p].order = ++m.order;	/* moved on top, though refused */
		expect(ret, want, "the write");
		return;
	}
	enable_done(p, ret, "the write");
}

static void op_force(int p)
{
	int ret;

	snprintf(last_op, sizeof(last_op), "echo 1 > %s/force%s", pname(p),
		 m.tp == p ? " (in its transition)" : "");
	logmsg("step %lu: %s", step, last_op);
	ret = write_patch_attr(p, "force", "1");
	if (m.tp == p && ret && transition_ended())
		complete_transition();
	if (m.tp != p) {
		expect(ret, -EINVAL, "force");
		return;
	}
	expect(ret, 0, "force");
	pin_unchecked("forced", true);
	if (!transition_ended())
		fail("%s still in transition after force", pname(p));
	complete_transition();
}

static void op_insmod_target(int t)
{
	int p, ret, want = 0;

	sync_transition();
	snprintf(last_op, sizeof(last_op), "insmod %s%s", tname(t),
		 m.tp >= 0 ? " (during a transition)" : "");
	logmsg("step %lu: %s", step, last_op);
	for (p = 0; p < NP; p++)
		if (active(p) && (m.p[p].objs & (1 << t)) && m.p[p].pre_ret)
			want = m.p[p].pre_ret;
	ret = insmod(tname(t), "");
	if (ret != want && transition_ended()) {	/* changed who is active */
		complete_transition();
		for (want = 0, p = 0; p < NP; p++)
			if (active(p) && (m.p[p].objs & (1 << t)) &&
			    m.p[p].pre_ret)
				want = m.p[p].pre_ret;
	}
	expect(ret, want, "insmod");
	if (ret)
		return;
	m.tloaded[t] = true;
	for (p = 0; p < NP; p++)
		if (m.p[p].loaded && (m.p[p].objs & (1 << t)) && !active(p))
			m.p[p].late_objs |= 1 << t;
		else
			m.p[p].late_objs &= ~(1 << t);
	allowed[t] = allowed_prev[t] = 0;
	mix_ok[t] = mix_ok_prev[t] = false;
	note_sides();
	if (m.hold[t] && write_module_param(tname(t), "hold_work", "1"))
		fail("%s: cannot start its holder", tname(t));
}

static void op_rmmod_target(int t)
{
	snprintf(last_op, sizeof(last_op), "rmmod %s%s", tname(t),
		 m.tp >= 0 ? " (during a transition)" : "");
	logmsg("step %lu: %s", step, last_op);
	expect(rmmod(tname(t)), 0, "rmmod");
	m.tloaded[t] = false;
	for (int p = 0; p < NP; p++)
		m.p[p].late_objs &= ~(1 << t);
	reap_sleepers();
}

static void op_hold(int t, bool on)
{
	snprintf(last_op, sizeof(last_op), "hold %s %s", tname(t),
		 on ? "on" : "off");
	logmsg("step %lu: %s", step, last_op);
	m.hold[t] = on;
	write_hold();
	if (on && m.tloaded[t] &&
	    write_module_param(tname(t), "hold_work", "1"))
		fail("%s: cannot start its holder", tname(t));
}

static void op_sleeper(int t)
{
	char path[128];
	int i;

	snprintf(last_op, sizeof(last_op), "sleeper in %s pair()", tname(t));
	logmsg("step %lu: %s", step, last_op);
	snprintf(path, sizeof(path), "/sys/kernel/debug/%s/sleep", tname(t));
	for (i = 0; i < MAX_SLEEPERS && sleepers[i]; i++)
		;
	sleepers[i] = fork();
	if (sleepers[i] < 0)
		fail("fork: %s", strerror(errno));
	if (!sleepers[i]) {
		write_file(path, "1");
		_exit(0);
	}
}

static void op_pre_patch(int p)
{
	int val = m.p[p].pre_ret ? 0 : -19;
	char buf[16];

	snprintf(last_op, sizeof(last_op), "%s pre_patch_ret=%d", pname(p), val);
	logmsg("step %lu: %s", step, last_op);
	snprintf(buf, sizeof(buf), "%d", val);
	if (write_module_param(pname(p), "pre_patch_ret", buf))
		fail("cannot write pre_patch_ret");
	m.p[p].pre_ret = val;
}

/* Waits for the transition under way, at most @ms. */
static bool wait_transition(unsigned int ms)
{
	unsigned int waited;

	for (waited = 0; m.tp >= 0 && waited < ms; waited += 20) {
		sync_transition();
		if (m.tp < 0)
			break;
		usleep(20000);
	}
	sync_transition();
	return m.tp < 0;
}

static void op_wait(void)
{
	unsigned int ms = 100 + rnd(1500);

	snprintf(last_op, sizeof(last_op), "wait up to %u ms", ms);
	logmsg("step %lu: %s", step, last_op);
	wait_transition(ms);
}

/* With no transition and no task held, kmend keeps no task table. */
static void check_no_task_tables(void)
{
	char buf[512];
	int tries, tables = 0, refs = 0;

	for (tries = 0; tries < 50; tries++) {
		buf[0] = '\n';
		if (read_file(STATE, buf + 1, sizeof(buf) - 1))
			fail("cannot read " STATE);
		tables = state_value(buf, "\ntask_tables");
		refs = state_value(buf, "\ntask_refs");
		if (!tables && !refs)
			return;
		usleep(100000);
	}
	fail(STATE ": %d task tables, %d task references left 5 s after the last transition",
	     tables, refs);
}

/* With nothing held, every transition must end, and leave nothing. */
static void op_settle(void)
{
	snprintf(last_op, sizeof(last_op), "settle: release every hold, wait");
	logmsg("step %lu: %s", step, last_op);
	release_holds();
	if (!wait_transition(SETTLE_MS))
		fail("%s still in transition %d s after every hold was released",
		     pname(m.tp), SETTLE_MS / 1000);
	check_no_task_tables();
}

/* ---- choosing a step */

/* Weights without and with a transition under way. */
static const unsigned int weights[2][NR_OPS] = {
	{ 12, 5, 6, 4, 14, 1, 1, 10, 6, 4, 3, 4, 4, 2 },
	{ 4, 1, 4, 0, 14, 1, 5, 14, 3, 4, 3, 2, 10, 2 },
};
static unsigned long op_count[NR_OPS];

static int pick_patch(bool loaded)
{
	int p, tries;

	for (tries = 0; tries < 16; tries++) {
		p = rnd(NP);
		if (m.p[p].loaded == loaded)
			return p;
	}
	return -1;
}

/* One random step; false when its pick did not fit the state. */
static bool try_step(void)
{
	const unsigned int *w = weights[m.tp >= 0];
	unsigned int total = 0, r;
	int op, p, t;

	for (op = 0; op < NR_OPS; op++)
		total += w[op];
	r = rnd(total);
	for (op = 0; r >= w[op]; op++)
		r -= w[op];
	t = rnd(NT);
	if (without & (1u << op))
		return false;

	switch (op) {
	case OP_LOAD:
	case OP_CLI_LOAD:
		if ((p = pick_patch(false)) < 0)
			return false;
		op == OP_LOAD ? op_load(p) : op_cli_load(p);
		break;
	case OP_RMMOD:
		if ((p = pick_patch(true)) < 0)
			return false;
		op_rmmod_patch(p);
		break;
	case OP_CLI_UNLOAD:
		/* Not a pinned one: kmend unload retries its removal for 5 s. */
		if (m.tp >= 0 || (p = pick_patch(true)) < 0 ||
		    m.p[p].pinned || m.p[p].may_pin)
			return false;
		op_cli_unload(p);
		break;
	case OP_ENABLE:
	case OP_SAME:
		p = m.tp >= 0 && chance(60) ? m.tp : pick_patch(true);
		if (p < 0)
			return false;
		if ((without & (1u << NO_REENABLE_AFTER_LOAD)) &&
		    m.p[p].late_objs && !active(p) && op == OP_ENABLE)
			return false;
		if ((without & (1u << NO_REENABLE_RETIRED)) &&
		    m.p[p].retired && !active(p) && op == OP_ENABLE)
			return false;
		op_enable(p, op == OP_SAME);
		break;
	case OP_FORCE:
		p = m.tp >= 0 && chance(80) ? m.tp : pick_patch(true);
		if (p < 0 || !may_pin_more())
			return false;
		op_force(p);
		break;
	case OP_TARGET:
		m.tloaded[t] ? op_rmmod_target(t) : op_insmod_target(t);
		break;
	case OP_HOLD_ON:
		if (m.hold[t])
			return false;
		op_hold(t, true);
		break;
	case OP_HOLD_OFF:
		if (!m.hold[t])
			return false;
		op_hold(t, false);
		break;
	case OP_SLEEPER:
		if (!m.tloaded[t] || nr_sleepers() >= MAX_SLEEPERS)
			return false;
		op_sleeper(t);
		break;
	case OP_PRE_PATCH:
		if ((p = pick_patch(true)) < 0)
			return false;
		op_pre_patch(p);
		break;
	case OP_WAIT:
		op_wait();
		break;
	case OP_SETTLE:
		op_settle();
		break;
	}
	op_count[op]++;
	return true;
}

/* A target's callers since the last quiet step are all still possible. */
static void restart_allowed(void)
{
	int t;
	bool quiet;

	for (t = 0; t < NT; t++) {
		quiet = !m.hold[t] && !nr_sleepers();
		/* Calls of the step before may still report: keep its set. */
		if (quiet && quiet_before[t]) {
			allowed_prev[t] = allowed[t];
			allowed[t] = 0;
			mix_ok_prev[t] = mix_ok[t];
			mix_ok[t] = false;
		}
		quiet_before[t] = quiet;
	}
	note_sides();
}

/* ---- setup and teardown */

/* The kernel's blocked tasks (sysrq w), from its log, on stdout. */
static void show_blocked_tasks(void)
{
	char *log, *from;
	int n;

	write_file("/proc/sysrq-trigger", "w");
	sleep(2);
	log = read_kernel_log(&n);
	if (!log)
		return;
	from = strstr(log, "Show Blocked State");
	printf("%s\n", from ? from : log + (n > 8192 ? n - 8192 : 0));
}

/*
 * A step stuck in the kernel (a deadlock, a task spinning in freed code)
 * never returns to report itself: a child watches and reports it with the
 * kernel's blocked tasks, then powers the guest off (the run fails without
 * a result) rather than wait for the harness's timeout.
 */
static void start_watchdog(void)
{
	pid_t pid;

	progress = mmap(NULL, sizeof(*progress), PROT_READ | PROT_WRITE,
			MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (progress == MAP_FAILED)
		fail("mmap: %s", strerror(errno));
	progress->since = time(NULL);
	pid = fork();
	if (pid < 0)
		fail("fork: %s", strerror(errno));
	if (pid)
		return;
	for (;;) {
		sleep(5);
		if (getppid() == 1)
			_exit(0);
		if (time(NULL) - progress->since < HANG_S)
			continue;
		printf("FAIL at step %lu (%s): stuck for %d s\n",
		       progress->step, progress->op, HANG_S);
		printf("reproduce: kmend-test-soak --seed %llu --ops %lu\n",
		       (unsigned long long)seed, progress->step);
		show_blocked_tasks();
		fflush(stdout);
		sync();
		write_file("/proc/sysrq-trigger", "o");
		_exit(1);
	}
}

static void note_progress(void)
{
	progress->step = step;
	progress->since = time(NULL);
	snprintf(progress->op, sizeof(progress->op), "%s", last_op);
}

static void hammer(void)
{
	char path[NT][128];
	int t;

	for (t = 0; t < NT; t++)
		snprintf(path[t], sizeof(path[t]),
			 "/sys/module/%s/parameters/call", tname(t));
	for (;;) {
		for (t = 0; t < NT; t++)
			write_file(path[t], "20");
		usleep(1000);
	}
}

static void start_hammers(void)
{
	int i;

	for (i = 0; i < 2; i++) {
		hammers[i] = fork();
		if (hammers[i] < 0)
			fail("fork: %s", strerror(errno));
		if (!hammers[i])
			hammer();
	}
}

static void stop_hammers(void)
{
	int i;

	for (i = 0; i < 2; i++)
		if (hammers[i] > 0) {
			kill(hammers[i], SIGKILL);
			waitpid(hammers[i], NULL, 0);
		}
}

/* Everything back out; then nothing of kmend's may be left. */
static void teardown(void)
{
	int p, t;

	snprintf(last_op, sizeof(last_op), "teardown");
	step++;
	logmsg("step %lu: teardown", step);
	op_settle();
	check_invariants();
	for (p = 0; p < NP; p++) {
		if (!m.p[p].loaded)
			continue;
		if (m.p[p].enabled) {
			expect(write_patch_attr(p, "enabled", "0"), 0,
			       "disabling for the teardown");
			start_transition(p, 0);
			if (!wait_transition(SETTLE_MS))
				fail("%s: disabling did not end", pname(p));
		}
		if (!m.p[p].pinned)
			unloaded(p, rmmod(pname(p)), true);
	}
	check_invariants();
	stop_hammers();
	for (t = 0; t < NT; t++)
		if (m.tloaded[t])
			op_rmmod_target(t);
	check_invariants();
}

/* What the model expected, for the failure report. */
static void dump_model(void)
{
	int p;

	printf("model: transition %s%s%s, targets loaded %d %d, held %d %d\n",
	       m.tp >= 0 ? pname(m.tp) : "none",
	       m.tp >= 0 ? (m.tdir ? " to patched" : " to unpatched") : "",
	       m.treplacing ? " (replacing)" : "", m.tloaded[0], m.tloaded[1],
	       m.hold[0], m.hold[1]);
	for (p = 0; p < NP; p++)
		if (m.p[p].loaded)
			printf("model: %s %s%s objs=%d pre_patch_ret=%d enabled=%d%s order=%lu\n",
			       pname(p), cons_names[m.p[p].cons],
			       m.p[p].replace ? " cumulative" : "", m.p[p].objs,
			       m.p[p].pre_ret, m.p[p].enabled,
			       m.p[p].pinned ? " pinned" : "", m.p[p].order);
}

static void usage(void)
{
	fprintf(stderr, "usage: kmend-test-soak [--seed N] [--ops N] [--seconds N] [--verbose] [--without KIND,...]\n"
		"KIND: an operation (");
	for (int op = 0; op < NR_OPS; op++)
		fprintf(stderr, "%s%s", op ? ", " : "", op_names[op]);
	fprintf(stderr, ") or a kind of patch (atomic, immediate, cumulative), or\n"
		"reenable-after-load: no enable of a patch whose target loaded while it was disabled,\n"
		"reenable-retired: no enable of a patch a cumulative one superseded\n");
	exit(2);
}

/* --without: leave out operations or kinds of patches, to aim at one defect. */
static void parse_without(char *list)
{
	char *kind;
	int op;

	for (kind = strtok(list, ","); kind; kind = strtok(NULL, ",")) {
		for (op = 0; op < NR_OPS && strcmp(kind, op_names[op]); op++)
			;
		if (op < NR_OPS)
			without |= 1u << op;
		else if (!strcmp(kind, "atomic"))
			without |= 1u << NO_ATOMIC;
		else if (!strcmp(kind, "immediate"))
			without |= 1u << NO_IMMEDIATE;
		else if (!strcmp(kind, "cumulative"))
			without |= 1u << NO_CUMULATIVE;
		else if (!strcmp(kind, "reenable-after-load"))
			without |= 1u << NO_REENABLE_AFTER_LOAD;
		else if (!strcmp(kind, "reenable-retired"))
			without |= 1u << NO_REENABLE_RETIRED;
		else
			usage();
	}
}

int main(int argc, char **argv)
{
	unsigned long ops = 100, seconds = 0, i;
	struct timespec t0, t1;
	double elapsed;
	int a, pinned = 0;

	seed = (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 16);
	for (a = 1; a < argc; a++) {
		if (!strcmp(argv[a], "--seed") && a + 1 < argc)
			seed = strtoull(argv[++a], NULL, 0);
		else if (!strcmp(argv[a], "--ops") && a + 1 < argc)
			ops = strtoul(argv[++a], NULL, 0);
		else if (!strcmp(argv[a], "--seconds") && a + 1 < argc)
			seconds = strtoul(argv[++a], NULL, 0);
		else if (!strcmp(argv[a], "--verbose"))
			verbose = true;
		else if (!strcmp(argv[a], "--without") && a + 1 < argc)
			parse_without(argv[++a]);
		else
			usage();
	}
	rng = seed;
	setvbuf(stdout, NULL, _IOLBF, 0);
	kmsg = open("/dev/kmsg", O_WRONLY | O_CLOEXEC);
	printf("soak: seed %llu, %lu operations%s\n", (unsigned long long)seed,
	       seconds ? 0 : ops, seconds ? " (time-bound)" : "");
	if (seconds)
		printf("soak: for %lu seconds\n", seconds);
	snprintf(last_op, sizeof(last_op), "setup");
	if (!module_loaded("kmend"))
		fail("kmend.ko is not loaded");
	if (!module_loaded(HUB))
		expect(insmod(HUB, ""), 0, "insmod " HUB);
	start_watchdog();
	start_hammers();
	check_invariants();

	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (i = 0; seconds || i < ops; i++) {
		clock_gettime(CLOCK_MONOTONIC, &t1);
		if (seconds && (unsigned long)(t1.tv_sec - t0.tv_sec) >= seconds)
			break;
		step = i + 1;
		/* Each step's choices depend on the seed and its number only. */
		rng = seed ^ (step * 0xd1b54a32d192ed03ULL);
		restart_allowed();
		snprintf(last_op, sizeof(last_op), "choosing");
		note_progress();
		while (!try_step())
			;
		note_progress();
		check_invariants();
		if (!verbose && step % 100 == 0)
			printf("soak: %lu steps\n", step);
	}
	teardown();
	clock_gettime(CLOCK_MONOTONIC, &t1);
	elapsed = (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
	for (a = 0; a < NR_OPS; a++)
		printf("soak: %-13s %lu\n", op_names[a], op_count[a]);
	for (a = 0; a < NP; a++)
		pinned += m.p[a].pinned;
	printf("soak: seed %llu: %lu steps in %.1f s (%.2f steps/s), 0 failures; %d patch modules pinned\n",
	       (unsigned long long)seed, i, elapsed, i / elapsed, pinned);
	return 0;
}
