"""German: every user-facing word kim prints, the default language; one module per face."""

from __future__ import annotations

from kimcli.i18n.de import browse, core, site, words

MONTHS = ["Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sept.", "Okt.",
          "Nov.", "Dez."]

CATALOG: dict[str, str | dict[str, str]] = {**core.CATALOG, **words.CATALOG, **browse.CATALOG,
                                             **site.CATALOG}
