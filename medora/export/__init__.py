"""Export: an Article rendered for people (Markdown, HTML, PDF) and for reference managers (RIS, BibTeX)."""
