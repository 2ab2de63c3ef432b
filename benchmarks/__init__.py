"""Performance benchmarks of the archive, on a corpus of their own: ``python -m benchmarks``."""
