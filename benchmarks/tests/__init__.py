"""Tests of what needs the bench extra (the peers the archive is compared with): `make bench`
runs them; the main suite in tests/ does without that extra."""
