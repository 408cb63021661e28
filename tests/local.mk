# Tests. Every test speaks TAP; each folder adds its tests in its own
# fragment. Tests read fixtures from $(srcdir) and write only to their own
# temporary folder, so `make -j check` and `make distcheck` both work.
TEST_EXTENSIONS = .sh
LOG_DRIVER = env AM_TAP_AWK='$(AWK)' $(SHELL) $(top_srcdir)/build-aux/tap-driver.sh
SH_LOG_DRIVER = $(LOG_DRIVER)
SH_LOG_COMPILER = $(SHELL)
# LD_BIND_NOW: a plugin with an unresolved symbol fails when it is loaded,
# not when the symbol is first used halfway through a run.
AM_TESTS_ENVIRONMENT = \
	export LD_BIND_NOW=1; \
	export IGTEXT='$(abs_top_builddir)/igtext'; \
	export top_srcdir='$(abs_top_srcdir)'; \
	export top_builddir='$(abs_top_builddir)'; \
	export TEST_PLUGIN_DIR='$(abs_top_builddir)/tests/plugins'; \
	export MIMALLOC_LIBS='$(MIMALLOC_LIBS)'; \
	unset IGTEXT_PLUGIN_PATH;

EXTRA_DIST += tests/lib/tap.sh tests/unit/tap.h tests/installcheck.sh tests/tsan.supp

# The installed program, and a plugin built out of tree against it.
installcheck-local:
	$(SHELL) $(srcdir)/tests/installcheck.sh '$(DESTDIR)$(bindir)' '$(DESTDIR)$(libdir)' '$(srcdir)'

include tests/unit/local.mk
include tests/plugins/local.mk
include tests/golden/local.mk
include tests/cli/local.mk
include tests/bad-input/local.mk
