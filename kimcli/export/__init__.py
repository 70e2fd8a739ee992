"""Exporters: one module per output format, each a pure function from records to text."""
