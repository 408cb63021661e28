/* SPDX-License-Identifier: MIT */
/* unresolved: a test-only plugin that calls a function no library
 * provides. It is linked without -no-undefined, so it builds, and with
 * LD_BIND_NOW=1 (set for the tests) it fails at load time: the loader must
 * name the file and pass on the dynamic linker's reason. */
#include <igtext/igtext.h>

int igt_function_that_does_not_exist(void);

static int unresolved_write(void *state, const igt_doc *doc)
{
	(void)state;
	(void)doc;
	return igt_function_that_does_not_exist();
}

IGT_PLUGIN_DEFINE(unresolved) = {
	.abi = IGT_PLUGIN_ABI,
	.size = sizeof(igt_plugin),
	.name = "unresolved",
	.version = "0.1",
	.summary = "test-only: unresolved symbol",
	.kind = IGT_OUTPUT,
	.op.output = {.write = unresolved_write},
};
