"""Answers become terminal text: inert text, the table layout engine, views and output."""
