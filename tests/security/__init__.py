"""Hostile inputs. A package, because its module names repeat those of tests/machinery and
tests/scale (pytest's rootdir imports need unique basenames otherwise)."""
