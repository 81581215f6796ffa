"""Turn plain-text historical sources into a scholarly MkDocs edition."""
