"""Where bytes become records: reading files, YAML, building and checking, the cache.

The entry points for every face: `load` (a Dataset or DataError), `check` (a Report with every
diagnostic), `check_text`, `default_data_path`."""

from kimcli.io.loading import Report, check, check_text, load
from kimcli.io.read import decode, default_data_path

__all__ = ["Report", "check", "check_text", "decode", "default_data_path", "load"]
