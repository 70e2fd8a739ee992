"""English: every user-facing word kim prints; one module per face."""

from __future__ import annotations

from kimcli.i18n.en import browse, core, site, words

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

CATALOG: dict[str, str | dict[str, str]] = {**core.CATALOG, **words.CATALOG, **browse.CATALOG,
                                             **site.CATALOG}
