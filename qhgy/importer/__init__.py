"""Import one print issue (extracted text or PDF) into Markdown articles and an issue file.

The stages, each a module: source → toc → segment → article (head, tail, body) → write → report;
`pipeline.import_issue` runs them in order.
"""
