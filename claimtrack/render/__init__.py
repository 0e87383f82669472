"""Rendering records for people: terminal tables and text, Markdown, CSV, JSON, HTML."""
