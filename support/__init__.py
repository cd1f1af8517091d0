"""Helpers shared by the tests and the benchmarks: Debian's Chromium, and a local web server."""
