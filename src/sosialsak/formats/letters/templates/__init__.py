"""Typst templates for the letters (package data, loaded with importlib.resources)."""
