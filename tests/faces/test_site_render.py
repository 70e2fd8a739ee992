"""kim site's rendering shortcuts keep the output what Jinja2's own path would give: kim's
labels baked into compiled templates, one output function in place of finalize + escape."""

from __future__ import annotations

import pytest
from markupsafe import Markup, escape

from kimcli import i18n
from kimcli.site import core, render

TEXTS = ["", "plain", "<script>alert('x')</script>", 'a "quoted" & <b>bold</b>', "ü ß €",
         "{{ 7*7 }}", "&amp; already", "\u202egnp.exe \x1b[31m", "tab\tand\nnewline"]


@pytest.mark.parametrize("text", TEXTS)
def test_output_escapes_as_markupsafe_after_cleaning(text: str) -> None:
    shown = text if text.isprintable() else core.clean(text)
    assert render._output(text) == str(escape(shown))


def test_output_passes_markup_and_drops_none() -> None:
    safe = Markup("<b>kim</b>")
    assert render._output(safe) is safe
    assert render._output(None) == ""
    assert render._output(3) == "3"


def test_labels_are_baked_into_the_compiled_template() -> None:
    env = render.environment("de", "de")
    source = "<h2>{{ T['show.facts'] }}</h2><p{{ DL }}>{{ text }}</p>"
    code = env.compile(source, raw=True)
    assert "show.facts" not in code and i18n.t("show.facts") in code
    template = env.from_string(source)
    assert template.render(text="<x>") == f"<h2>{i18n.t('show.facts')}</h2><p>&lt;x&gt;</p>"


def test_other_expressions_are_left_to_the_template() -> None:
    env = render.environment("de", "en")
    template = env.from_string("{{ T[key] }}|{{ DL }}|{{ A['en'] }}|{{ t('site.count', count=2) }}")
    assert template.render(key="show.facts") == (
        f"{i18n.t('show.facts')}| lang=\"en\"| lang=\"en\"|{i18n.t('site.count', count=2)}")
