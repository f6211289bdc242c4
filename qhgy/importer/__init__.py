"""Import one print issue (extracted text or PDF) into Markdown articles and an issue file.

The stages, each a module: source → toc → segment → article (title, head, tail, paragraphs,
punctuation, markdown) → write → report; `pipeline.import_issue` runs them in order, and `model`
holds what they pass on (Draft, Item, Plan).
"""
