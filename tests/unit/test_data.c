/* SPDX-License-Identifier: MIT */
/* igt_data_find: IGTEXT_DATA_PATH first, then the source tree's configs/
 * (the build tree works before installation); only relative names. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <igtext/host.h>

#include "tap.h"

int main(void)
{
	const char *src = getenv("top_srcdir");
	if (!src) {
		printf("Bail out! top_srcdir is not set (run through make check)\n");
		return 99;
	}
	char *found = igt_data_find("example.yaml");
	char want[4096];
	snprintf(want, sizeof(want), "%s/configs/example.yaml", src);
	ok(found != NULL, "a file of the source tree's configs/ is found");
	if (found) {
		struct stat a, b;
		ok(stat(found, &a) == 0 && stat(want, &b) == 0 && a.st_ino == b.st_ino,
		   "it is configs/example.yaml (%s)", found);
	}
	free(found);
	ok(igt_data_find("no/such/file.yaml") == NULL, "a missing file gives NULL");
	ok(igt_data_find("/etc/passwd") == NULL, "absolute names are refused");
	ok(igt_data_find("") == NULL && igt_data_find(NULL) == NULL, "empty names give NULL");

	char dir[] = "/tmp/igtext-data.XXXXXX";
	if (!mkdtemp(dir)) {
		printf("Bail out! mkdtemp\n");
		return 99;
	}
	char path[4200];
	snprintf(path, sizeof(path), "%s/example.yaml", dir);
	FILE *f = fopen(path, "w");
	fputs("job: mine\n", f);
	fclose(f);
	char env[4200];
	snprintf(env, sizeof(env), "/nonexistent:%s", dir);
	setenv("IGTEXT_DATA_PATH", env, 1);
	found = igt_data_find("example.yaml");
	is_str(found, path, "IGTEXT_DATA_PATH comes first, past missing folders");
	free(found);
	remove(path);
	rmdir(dir);
	return done_testing();
}
