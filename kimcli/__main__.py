"""Allow `python -m kimcli`."""

from kimcli.entry import main

main()
