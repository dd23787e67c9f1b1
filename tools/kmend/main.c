// SPDX-License-Identifier: GPL-2.0
/*
 * main.c - kmend: load, unload and inspect kmend live patches, and build
 * them from source diffs.
 *
 * Only argument parsing, dispatch and exit codes live here; each command
 * is in cmd_<command>.c, the work in the kmend_*.c library.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cmd.h"
#include "kmend_msg.h"

#define KMEND_VERSION		"0.1"
#define DEFAULT_TIMEOUT_S	60
#define MAX_TIMEOUT_S		(7 * 24 * 3600)

/* Documented in usage_text below and in README.md; scripts act on them. */
enum {
	EXIT_OK = 0,
	EXIT_FAILED = 1,	/* failed and said why; load, unload: nothing
				   changed */
	EXIT_USAGE = 2,		/* the command line was wrong; nothing done;
				   status: also the state could not be read */
	EXIT_LEFT_LOADED = 3,	/* load, unload: the patch is disabled, its
				   module still loaded */
	EXIT_IN_TRANSITION = 4,	/* load, unload: a transition of the patch
				   still runs, its module is still loaded */
};

struct args {
	const char *operand;	/* FILE.ko or NAME */
	char *params;		/* load: "PARAM=VALUE ...", quoted for the
				   kernel, or NULL */
	const char *kernel;	/* install, uninstall: --kernel REL, or NULL
				   for the running kernel */
	unsigned int timeout_s;
	bool json;		/* status: --json */
	bool help;
};

struct command {
	const char *name;
	const char *synopsis;
	const char *operand;	/* its name in messages; NULL: takes none */
	bool takes_timeout;
	bool takes_kernel;
	bool takes_params;	/* PARAM=VALUE operands after the first */
	bool takes_json;
	enum cmd_result (*run)(const struct args *args);
};

static const char usage_text[] =
"usage: kmend COMMAND [ARGUMENTS]\n"
"\n"
"  load FILE.ko [--timeout SECONDS] [PARAM=VALUE...]\n"
"        insert patch module FILE.ko with module parameters PARAM=VALUE;\n"
"        it enables its patch; wait until the transition ends\n"
"  unload NAME|FILE.ko [--timeout SECONDS]\n"
"        disable the patch, wait until its transition ends, remove it\n"
"  list  show every patch: state, objects, functions (old -> new);\n"
"        then the patches installed for the running kernel, loaded or not\n"
"  info NAME|FILE.ko\n"
"        show one patch: all its attributes and functions, and the\n"
"        tasks holding up a running transition\n"
"  install FILE.ko [--kernel REL]\n"
"        keep patch module FILE.ko in /var/lib/kmend/REL/ (REL: the\n"
"        running kernel by default; the module's vermagic must name it)\n"
"        and enable kmend.service, which loads it at every boot of REL\n"
"  uninstall NAME [--kernel REL]\n"
"        remove an installed patch; a loaded one stays loaded\n"
"  boot [--timeout SECONDS]\n"
"        load every patch installed for the running kernel, by name\n"
"        order; one that fails is reported and the others still load\n"
"        (kmend.service runs it)\n"
"  status [--json]\n"
"        show the running kernel, every installed and loaded patch with\n"
"        its package, version, CVEs and description, whether every patch\n"
"        installed for the running kernel is active, a transition in\n"
"        progress and what holds it up, and the state of kmend.service;\n"
"        --json: the same as JSON (docs/status.md)\n"
"  build [OPTIONS] PATCH...\n"
"        turn source diffs into a patch module for the target kernel\n"
"        (kmend build --help lists the options; it exits 0 built,\n"
"        1 error, 2 no code changed, 3 not live-patchable)\n"
"  help, --help    show this text\n"
"  --version       show the version\n"
"\n"
"--timeout bounds each wait for a transition (default 60 seconds; 0 waits\n"
"without limit). A load whose transition does not end in time is reversed.\n"
"A VALUE with spaces is passed to the kernel quoted; one with a double\n"
"quote is refused unless quoted whole (the kernel has no escape for it).\n"
"load refuses a module without module_exit(): it could never be removed.\n"
"KMEND_SYSFS, when set, replaces /sys/kernel/kmend; KMEND_STATE replaces\n"
"/var/lib/kmend; KMEND_BUILD names the kmend-build program that build runs.\n"
"\n"
"Exit status (build: see above):\n"
"  0  done\n"
"  1  failed, as the message says; load and unload changed nothing\n"
"  2  usage error, nothing done\n"
"  3  load, unload: stopped short; the patch is disabled but its module\n"
"     stays loaded (load: the transition was reversed; unload: the\n"
"     removal was refused); kmend unload NAME removes it once it can\n"
"  4  load, unload: stopped while a transition of the patch still runs;\n"
"     its module stays loaded; see kmend info NAME\n"
"status: 0 every patch installed for the running kernel is active (also\n"
"  when none is), 1 one is not, 2 usage error or the state unreadable\n";

static enum cmd_result run_load(const struct args *args)
{
	return cmd_load(args->operand, args->params ? args->params : "",
			args->timeout_s);
}

static enum cmd_result run_unload(const struct args *args)
{
	return cmd_unload(args->operand, args->timeout_s);
}

static enum cmd_result run_list(const struct args *args)
{
	(void)args;
	return cmd_list();
}

static enum cmd_result run_info(const struct args *args)
{
	return cmd_info(args->operand);
}

static enum cmd_result run_install(const struct args *args)
{
	return cmd_install(args->operand, args->kernel);
}

static enum cmd_result run_uninstall(const struct args *args)
{
	return cmd_uninstall(args->operand, args->kernel);
}

static enum cmd_result run_boot(const struct args *args)
{
	return cmd_boot(args->timeout_s);
}

static enum cmd_result run_status(const struct args *args)
{
	return cmd_status(args->json);
}

static const struct command commands[] = {
	{ "load", "load FILE.ko [--timeout SECONDS] [PARAM=VALUE...]",
	  "FILE.ko", true, false, true, false, run_load },
	{ "unload", "unload NAME|FILE.ko [--timeout SECONDS]",
	  "NAME", true, false, false, false, run_unload },
	{ "list", "list", NULL, false, false, false, false, run_list },
	{ "info", "info NAME|FILE.ko", "NAME", false, false, false, false,
	  run_info },
	{ "install", "install FILE.ko [--kernel REL]",
	  "FILE.ko", false, true, false, false, run_install },
	{ "uninstall", "uninstall NAME [--kernel REL]",
	  "NAME", false, true, false, false, run_uninstall },
	{ "boot", "boot [--timeout SECONDS]",
	  NULL, true, false, false, false, run_boot },
	{ "status", "status [--json]", NULL, false, false, false, true,
	  run_status },
};

static const struct command *find_command(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(commands[i].name, name))
			return &commands[i];
	return NULL;
}

static int usage_error(const struct command *cmd, const char *what,
		       const char *arg)
{
	kmend_err("%s: %s%s", cmd->name, what, arg ? arg : "");
	kmend_err("usage: kmend %s", cmd->synopsis);
	return -1;
}

static int parse_timeout(const struct command *cmd, const char *text,
			 unsigned int *timeout_s)
{
	unsigned long value;
	char *end;

	if (!text)
		return usage_error(cmd, "--timeout needs SECONDS", NULL);
	errno = 0;
	value = strtoul(text, &end, 10);
	if (!*text || *end || *text == '-' || errno || value > MAX_TIMEOUT_S)
		return usage_error(cmd, "invalid number of seconds: ", text);
	*timeout_s = value;
	return 0;
}

static bool has_space(const char *text, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (isspace((unsigned char)text[i]))
			return true;
	return false;
}

/*
 * Module parameters reach the kernel as one line, which it splits at
 * spaces outside double quotes and from whose values it strips one pair of
 * quotes (parse_args(), next_arg() in lib/cmdline.c); it knows no escape.
 * So a VALUE with spaces is quoted, a VALUE already wrapped in quotes is
 * passed as it is, and any other double quote is refused: the kernel would
 * split the line elsewhere than the shell did.
 */
static int check_param(const struct command *cmd, const char *param,
		       bool *quote)
{
	const char *value = strchr(param, '=') + 1;
	size_t vlen = strlen(value);

	if (value == param + 1 || has_space(param, value - param) ||
	    memchr(param, '"', value - param))
		return usage_error(cmd, "invalid parameter name in: ", param);
	*quote = has_space(value, vlen);
	if (vlen >= 2 && value[0] == '"' && value[vlen - 1] == '"' &&
	    !memchr(value + 1, '"', vlen - 2)) {
		*quote = false;
		return 0;
	}
	if (strchr(value, '"'))
		return usage_error(cmd, "a parameter value cannot hold a double quote (the kernel has no escape for it): ",
				   param);
	return 0;
}

static int append_param(const struct command *cmd, struct args *args,
			const char *param)
{
	size_t len = args->params ? strlen(args->params) : 0;
	size_t name_len = strchr(param, '=') + 1 - param;
	bool quote;
	char *grown;

	if (check_param(cmd, param, &quote))
		return -1;
	grown = realloc(args->params, len + strlen(param) + 4);
	if (!grown) {
		kmend_err("out of memory");
		return -1;
	}
	if (len)
		grown[len++] = ' ';
	if (quote)
		sprintf(grown + len, "%.*s\"%s\"", (int)name_len, param,
			param + name_len);
	else
		strcpy(grown + len, param);
	args->params = grown;
	return 0;
}

static int parse_operand(const struct command *cmd, const char *arg,
			 struct args *args)
{
	if (cmd->operand && !args->operand) {
		args->operand = arg;
		return 0;
	}
	if (cmd->takes_params && strchr(arg, '='))
		return append_param(cmd, args, arg);
	return usage_error(cmd, "unexpected argument: ", arg);
}

static int parse_option(const struct command *cmd, char **argv, int *i,
			struct args *args)
{
	const char *arg = argv[*i];

	if (!strcmp(arg, "--help") || !strcmp(arg, "-h")) {
		args->help = true;
		return 0;
	}
	if (cmd->takes_json && !strcmp(arg, "--json")) {
		args->json = true;
		return 0;
	}
	if (cmd->takes_kernel && !strncmp(arg, "--kernel=", 9)) {
		args->kernel = arg + 9;
		return 0;
	}
	if (cmd->takes_kernel && !strcmp(arg, "--kernel")) {
		args->kernel = argv[++*i];
		return args->kernel ? 0 :
			usage_error(cmd, "--kernel needs REL", NULL);
	}
	if (!cmd->takes_timeout)
		return usage_error(cmd, "unknown option: ", arg);
	if (!strncmp(arg, "--timeout=", 10))
		return parse_timeout(cmd, arg + 10, &args->timeout_s);
	if (!strcmp(arg, "--timeout"))
		return parse_timeout(cmd, argv[++*i], &args->timeout_s);
	return usage_error(cmd, "unknown option: ", arg);
}

/* Parses what follows the command; "--" ends the options. */
static int parse_args(const struct command *cmd, int argc, char **argv,
		      struct args *args)
{
	bool options = true;
	int i, err = 0;

	for (i = 0; i < argc && !err && !args->help; i++) {
		if (options && !strcmp(argv[i], "--"))
			options = false;
		else if (options && argv[i][0] == '-' && argv[i][1])
			err = parse_option(cmd, argv, &i, args);
		else
			err = parse_operand(cmd, argv[i], args);
	}
	if (!err && !args->help && cmd->operand && !args->operand)
		err = usage_error(cmd, "missing ", cmd->operand);
	return err;
}

static bool is_help(const char *arg)
{
	return !strcmp(arg, "help") || !strcmp(arg, "--help") ||
	       !strcmp(arg, "-h");
}

static int exit_code(enum cmd_result result)
{
	switch (result) {
	case CMD_OK:
		return EXIT_OK;
	case CMD_LEFT_LOADED:
		return EXIT_LEFT_LOADED;
	case CMD_IN_TRANSITION:
		return EXIT_IN_TRANSITION;
	case CMD_ERROR:
		return EXIT_USAGE;
	case CMD_NOT_ACTIVE:
	case CMD_FAILED:
		break;
	}
	return EXIT_FAILED;
}

/* Output that could not be written is a failure, e.g. on a full disk. */
static int flush_stdout(int code)
{
	if (fflush(stdout) || ferror(stdout)) {
		kmend_err("standard output: write: %s", strerror(errno));
		return code == EXIT_OK ? EXIT_FAILED : code;
	}
	return code;
}

int main(int argc, char **argv)
{
	struct args args = { .timeout_s = DEFAULT_TIMEOUT_S };
	const struct command *cmd;
	int code;

	if (argc < 2) {
		fputs(usage_text, stderr);
		return EXIT_USAGE;
	}
	if (is_help(argv[1])) {
		fputs(usage_text, stdout);
		return flush_stdout(EXIT_OK);
	}
	if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V")) {
		printf("kmend " KMEND_VERSION "\n");
		return flush_stdout(EXIT_OK);
	}
	/* build has its own options and exit codes: it is another program. */
	if (!strcmp(argv[1], "build"))
		return cmd_build(argv + 1) ? EXIT_FAILED : EXIT_OK;
	cmd = find_command(argv[1]);
	if (!cmd) {
		kmend_err("unknown command '%s' (see: kmend --help)", argv[1]);
		return EXIT_USAGE;
	}

	if (parse_args(cmd, argc - 2, argv + 2, &args))
		code = EXIT_USAGE;
	else if (args.help)
		code = fputs(usage_text, stdout) < 0 ? EXIT_FAILED : EXIT_OK;
	else
		code = exit_code(cmd->run(&args));
	free(args.params);
	return flush_stdout(code);
}
