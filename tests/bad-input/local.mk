# tests/bad-input: see tests/local.mk
