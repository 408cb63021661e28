EXTRA_DIST += docs/architecture.md docs/writing-a-plugin.md
