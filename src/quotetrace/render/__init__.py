"""Renderings of analysed articles: JSON (versioned schema), the scorer's format, a text report."""
