"""Print PDFs of articles and issues, set with Typst from the same HTML the site shows.

blocks    — the site's article HTML (Python-Markdown's output) → a tree of blocks and inlines
documents — the data of an article PDF and of an issue PDF (metadata, blocks, citation)
render    — Typst compilation: fonts checked, warnings fatal, results cached by content
labels    — the page labels a viewer shows (/PageLabels), the folios: print pages
extracts  — pages of the issue's original print PDF cut per article (pypdf)
The text reaches Typst as JSON data, never as markup, so nothing in it can be taken for
Typst syntax (# $ * _ @ < > // \\ and the rest come back verbatim).
"""
