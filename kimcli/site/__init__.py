"""kim site: the dataset as a static, accessible website, and as one self-contained page.

`build.build_site` writes a folder of pages, `build.single_page` returns one page of the same
design. Everything the site asks of the rest of kim goes through `core`; Jinja2 is imported by
this package only, so that no other command pays for it.
"""
