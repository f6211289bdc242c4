"""Chinese full-text search: the index is built with Pagefind, the query runs in the browser.

tokens  — text → the token stream Pagefind indexes (Han as overlapping pairs in ASCII), and back
records — articles → search records (title, plain text of the body, facets)
bundles — records grouped by period into Pagefind runs that bound the indexer's memory
index   — write the token pages and run Pagefind per bundle, cached
"""
