/* SPDX-License-Identifier: MIT */
/* nosym: a test-only module that loads but exports no descriptor; the
 * loader must say it is not an igtext plugin. */
int nosym_LTX_something_else(void);
int nosym_LTX_something_else(void)
{
	return 42;
}
