"""`kim export --format svg` without Rich's private SVG template (rich._export_format): kim
records the picture whole and lets Rich write it, the same bytes, never an error."""

from __future__ import annotations

import io

import pytest
from helpers import FROZEN, SMALL
from rich.console import Console

from kimcli import io as kimio
from kimcli import query
from kimcli.i18n.texts import dataset_title
from kimcli.render import output, svg
from kimcli.render.inert import clean
from kimcli.render.timeline import timeline_view


@pytest.mark.parametrize("path", [FROZEN, SMALL], ids=["frozen", "small"])
@pytest.mark.parametrize("width", [60, 100])
def test_without_the_template_the_picture_is_richs_own(path: object, width: int,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    dataset = kimio.load(path)  # type: ignore[arg-type]
    items = query.timeline(dataset, query.TimelineFilter())
    streamed = "".join(output.timeline_svg(dataset, items, width))
    monkeypatch.setattr(svg, "SVG_FORMAT", None)
    recorded = "".join(output.timeline_svg(dataset, items, width))
    console = Console(record=True, width=width, file=io.StringIO(), highlight=False,
                      markup=False, emoji=False, color_system="truecolor")
    console.print(timeline_view(items, len(dataset.milestones), width, dataset.as_of))
    assert recorded == console.export_svg(title=clean(dataset_title(dataset)))
    assert recorded == streamed
