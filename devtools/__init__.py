"""Tooling shared by the tests, the benchmark and the screenshots (not part of the site build):
a headless browser that blocks every request leaving the machine, a static server under a
sub-path, and the probe that runs queries through a built site's own search engine."""
