/* SPDX-License-Identifier: MIT */
/*
 * The machine's yardstick for scripts/bench: a bare C loop that reads
 * files in large blocks, splits them into lines and counts lines and
 * words, and nothing else. Parsers are measured against what this reaches
 * on the same corpus, so that figures taken on machines of different
 * speeds (or on one machine at busier times) can be compared.
 *
 *   bench-loop < LIST     prints the throughput in MB/s of CPU time
 *
 * LIST holds the files' names, one per line (a corpus may have more files
 * than a command line takes).
 * The files are read again and again until half a second of CPU time has
 * passed, since one pass over a bench corpus is too short to time.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static unsigned char buf[1 << 20];

static double cpu_seconds(void)
{
	struct timespec t;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* One pass; returns the bytes read, or 0 when a file cannot be read. */
static unsigned long long pass(size_t n_files, char **files, unsigned long long *lines,
                               unsigned long long *words)
{
	unsigned long long bytes = 0;
	for (size_t f = 0; f < n_files; f++) {
		FILE *in = fopen(files[f], "rb");
		if (!in) {
			perror(files[f]);
			return 0;
		}
		int in_word = 0;
		size_t n;
		while ((n = fread(buf, 1, sizeof(buf), in)) > 0) {
			bytes += n;
			for (const unsigned char *p = buf, *end = buf + n; p < end;) {
				const unsigned char *nl = memchr(p, '\n', (size_t)(end - p));
				const unsigned char *stop = nl ? nl : end;
				for (; p < stop; p++) {
					int space = *p == ' ' || *p == '\t' || *p == '\r';
					*words += !space & !in_word;
					in_word = !space;
				}
				if (nl) {
					++*lines;
					in_word = 0;
					p = nl + 1;
				}
			}
		}
		fclose(in);
	}
	return bytes;
}

int main(void)
{
	size_t n_files = 0, cap = 0;
	char **files = NULL;
	char name[4096];
	while (fgets(name, sizeof(name), stdin)) {
		name[strcspn(name, "\n")] = '\0';
		if (n_files == cap) {
			cap = cap ? cap * 2 : 64;
			if (!(files = realloc(files, cap * sizeof(*files))))
				return 1;
		}
		if (!(files[n_files++] = strdup(name)))
			return 1;
	}
	unsigned long long lines = 0, words = 0, bytes = 0;
	double start = cpu_seconds(), spent;
	do {
		unsigned long long n = pass(n_files, files, &lines, &words);
		if (n == 0)
			return 1;
		bytes += n;
		spent = cpu_seconds() - start;
	} while (spent < 0.5);
	/* The counts are printed so that the loop cannot be optimised away. */
	printf("%.1f MB/s (%llu lines, %llu words)\n", (double)bytes / 1e6 / spent, lines, words);
	return 0;
}
