"""Tools that the build, the tests and the benchmark share: Debian's Chromium, a static server."""
