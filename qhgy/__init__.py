"""The publishing system of 《青海工运》: importer, content model and tools."""
