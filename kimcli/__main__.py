"""Allow `python -m kimcli`."""

from kimcli.cli import main

main()
