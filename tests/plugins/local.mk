# tests/plugins: see tests/local.mk
