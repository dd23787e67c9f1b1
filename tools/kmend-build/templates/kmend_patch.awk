# SPDX-License-Identifier: GPL-2.0
#
# kmend_patch.awk - the generated parts of a patch module's C file, from
# the manifests kmend-diff wrote (one per object file):
#
#	object <vmlinux or module>
#	func <old name> <sympos> <alias>
#	callback <kind> <alias>
#	namespace <ns>
#
# Prints three sections separated by lines "%%": declarations of the
# aliases, the kmend_func arrays (one per kernel object), and the
# kmend_object entries. Several files of one kernel object share its
# array and its callbacks (at most one of each kind).
#
# With -v runtime=livepatch the arrays are the kernel's klp_func and
# klp_object (templates/klp_patch.c.in), and each callback, written for a
# struct kmend_object, is called through a wrapper that klp_patch.c.in's
# KMEND_LP_PRE_PATCH() and KMEND_LP_CALLBACK() define; a module object
# always has a post_unpatch, KMEND_LP_MODULE_POST_UNPATCH(), which also
# clears its relocations as the module goes.

function cname(obj) { gsub(/[^A-Za-z0-9_]/, "_", obj); return obj }

# What the object's entry names for callback kind k: the author's
# function, or for livepatch its wrapper.
function cbname(o, k) {
	return runtime == "livepatch" ? sprintf("kmend_lp_%s_%s", k, cname(o)) : cb[o, k]
}

BEGIN { type = runtime == "livepatch" ? "klp" : "kmend" }

$1 == "object" {
	obj = $2
	if (!(obj in seen)) {
		seen[obj] = 1
		order[nobj++] = obj
	}
	next
}
$1 == "func" {
	decls = decls sprintf("extern char %s[];\n", $4)
	funcs[obj] = funcs[obj] sprintf("\t{ .old_name = \"%s\", .new_func = %s, .old_sympos = %s },\n", $2, $4, $3)
	next
}
# MODULE_IMPORT_NS(ns) is this MODULE_INFO (6.1, 6.12; a string from 6.13 on)
$1 == "namespace" {
	if ($2 !~ /^[A-Za-z0-9_.:-]+$/) {
		printf("kmend_patch.awk: bad namespace name %s\n", $2) > "/dev/stderr"
		failed = 1
		exit 1
	}
	if (!($2 in ns))
		decls = decls sprintf("MODULE_INFO(import_ns, \"%s\");\n", $2)
	ns[$2] = 1
	next
}
$1 == "callback" {
	if ((obj, $2) in cb) {
		printf("kmend_patch.awk: two %s callbacks for %s\n", $2, obj) > "/dev/stderr"
		failed = 1
		exit 1
	}
	cb[obj, $2] = $3
	ret = $2 == "pre_patch" ? "int" : "void"
	decls = decls sprintf("%s %s(struct kmend_object *obj);\n", ret, $3)
	if (runtime == "livepatch" && $2 == "pre_patch")
		decls = decls sprintf("KMEND_LP_PRE_PATCH(%s, %s)\n", cname(obj), $3)
	else if (runtime == "livepatch" && !(obj != "vmlinux" && $2 == "post_unpatch"))
		decls = decls sprintf("KMEND_LP_CALLBACK(%s, %s, %s)\n", $2, cname(obj), $3)
	next
}
END {
	if (failed)
		exit 1
	# a module object's post_unpatch also clears its relocations
	for (i = 0; runtime == "livepatch" && i < nobj; i++) {
		o = order[i]
		if (o == "vmlinux")
			continue
		decls = decls sprintf("KMEND_LP_MODULE_POST_UNPATCH(%s, %s)\n", cname(o),
				      (o, "post_unpatch") in cb ? cb[o, "post_unpatch"] : "kmend_lp_no_callback")
		cb[o, "post_unpatch"] = "(wrapped)"
	}
	printf("%s%%%%\n", decls)
	for (i = 0; i < nobj; i++) {
		o = order[i]
		printf("static struct %s_func kmend_funcs_%s[] = {\n%s\t{ }\n};\n\n", type, cname(o), funcs[o])
	}
	printf("%%%%\n")
	for (i = 0; i < nobj; i++) {
		o = order[i]
		printf("\t{\n\t\t.name = %s,\n\t\t.funcs = kmend_funcs_%s,\n", o == "vmlinux" ? "NULL" : "\"" o "\"", cname(o))
		printf("\t\t.callbacks = {\n")
		split("pre_patch post_patch pre_unpatch post_unpatch", kinds, " ")
		for (k = 1; k <= 4; k++)
			if ((o, kinds[k]) in cb)
				printf("\t\t\t.%s = %s,\n", kinds[k], cbname(o, kinds[k]))
		printf("\t\t},\n\t},\n")
	}
}
