"""Developer tools, outside the runtime package: benchmarks (`invoke bench`, `bench-pdf`,
`bench-search`), the synthetic archive generator, the headless browser used by screenshots and
tests, and PDF page previews. Nothing in qhgy imports them; tasks.py and the tests do."""
