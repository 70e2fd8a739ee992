"""The domain: records, the field table, and dataset-wide facts; no I/O, no terminal."""
