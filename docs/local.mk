EXTRA_DIST += docs/architecture.md docs/writing-a-plugin.md docs/cron.md
dist_man_MANS = docs/igtext.1
