/* SPDX-License-Identifier: MIT */
/* The growable buffer of buf.h: appends keep the text NUL-terminated and
 * whole across growth, reset keeps memory, take hands over ownership. */
#include <stdlib.h>

#include <igtext/buf.h>

#include "tap.h"

static void test_array_grow(void)
{
	int *a = NULL;
	size_t cap = 0;
	igt_array_grow((void **)&a, &cap, 1, sizeof(*a));
	ok(a != NULL && cap >= 1, "a first element gets room");
	for (int i = 0; i < 1000; i++) {
		igt_array_grow((void **)&a, &cap, (size_t)i + 1, sizeof(*a));
		a[i] = i;
	}
	ok(cap >= 1000 && a[999] == 999 && a[0] == 0, "growing keeps what was there");
	size_t before = cap;
	igt_array_grow((void **)&a, &cap, 10, sizeof(*a));
	is_int(cap, before, "asking for less than there is changes nothing");
	free(a);
}

int main(void)
{
	test_array_grow();
	igt_buf b = {0};
	igt_buf_add(&b, NULL, 0);
	is_str(b.data, "", "an empty append gives an empty string");
	igt_buf_add(&b, "Internet ", 9);
	igt_buf_add(&b, "governance", 10);
	igt_buf_addc(&b, '!');
	is_str(b.data, "Internet governance!", "appends join");
	is_int(b.len, 20, "length counts the bytes");
	for (int i = 0; i < 10000; i++)
		igt_buf_add(&b, "0123456789", 10);
	is_int(b.len, 100020, "growth keeps every byte");
	ok(b.data[b.len] == '\0' && memcmp(b.data + 100010, "0123456789", 10) == 0,
	   "and the end is right and terminated");
	size_t cap = b.cap;
	igt_buf_reset(&b);
	ok(b.len == 0 && b.cap == cap && b.data[0] == '\0', "reset empties but keeps memory");
	igt_buf_add(&b, "互联网", 9);
	char *s = igt_buf_take(&b);
	is_str(s, "互联网", "take hands over the text");
	ok(b.data == NULL && b.len == 0, "and leaves the buffer empty");
	free(s);
	char *t = igt_buf_take(&b);
	is_str(t, "", "taking from an empty buffer gives an empty string");
	free(t);
	igt_buf_free(&b);
	igt_buf_free(&b);
	ok(1, "free twice is harmless");
	char *d = igt_strndup("IGF 2018 report", 8);
	is_str(d, "IGF 2018", "strndup copies n bytes");
	free(d);
	return done_testing();
}
