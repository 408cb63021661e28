# tests/golden: see tests/local.mk
