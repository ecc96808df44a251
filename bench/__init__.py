"""Benchmarks of the application (`make bench`): set-up, load scenarios, report."""
