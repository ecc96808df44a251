"""Floors of the benchmark: the cheapest possible write and read through the same stack.

Enabled only with `BENCH_FLOORS=true`: the app, its two views and the query-count header.
"""
