"""WeasyPrint 70's work for one page, made independent of the pages laid out before it.

Two of WeasyPrint's steps for each page walk every page made so far, so that their work grows
with the square of the pages (cProfile of 10.000 accounts, 1.515 pages; their share of 1.000
accounts' 152 pages was a hundredth of that):

- `weasyprint.layout.page.set_page_type_computed_styles` adds the page's @page declarations to
  the cascade, keyed by (page type, margin box), then finds the page's margin boxes by
  walking the whole cascade; a page type holds the page's index, so the cascade keeps the keys
  of every page made (11 s). Here the keys each call adds are kept per page type, in the order
  the cascade holds them, and only the page's own are walked: the same styles are set, in the
  same order.
- `weasyprint.layout.layout_fixed_boxes` looks at every other page for boxes with
  `position: fixed` to repeat on this one (4 s). Here it is skipped when no page of the
  document has any (`make_page` notes one that has), as it then repeats nothing.

Installed only on the WeasyPrint it was written for (requirements.lock); another version keeps
its own functions.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from aktstykker_gen.writers.libraries import one_library_lookup

with one_library_lookup():
    import weasyprint
    import weasyprint.layout
    import weasyprint.layout.page

VERSION = "70.0"   # the WeasyPrint whose functions these replace
_KEYS = "_aktstykke_page_keys"    # on the StyleFor: page type → its keys of the cascade
_FIXED = "_aktstykke_fixed_boxes"  # on the LayoutContext: a page made has a fixed box
_make_page = weasyprint.layout.page.make_page
_layout_fixed_boxes = weasyprint.layout.layout_fixed_boxes
ORIGINAL_PAGE_STYLES = weasyprint.layout.page.set_page_type_computed_styles


def set_page_type_computed_styles(page_type: Any, html: Any, style_for: Any) -> None:
    """Set the styles of `page_type` and its margin boxes (WeasyPrint's function of the
    name, with the margin boxes looked up instead of searched for)."""
    cascaded = style_for.get_cascaded_styles()
    keys = style_for.__dict__.get(_KEYS)
    if keys is None:   # the first page: whatever the cascade holds so far
        keys = style_for.__dict__[_KEYS] = {}
        _index(keys, list(cascaded))
    known = len(cascaded)
    style_for.add_page_declarations(page_type)   # only adds keys (setdefault), at the end
    _index(keys, reversed(list(islice(reversed(cascaded), len(cascaded) - known))))

    # @page inherits from the root element (as in WeasyPrint).
    style_for.set_computed_styles(page_type, root=html.etree_element,
                                  parent=html.etree_element, base_url=html.base_url)
    for element, pseudo_type in keys.get(page_type, ()):
        if pseudo_type:   # a margin box inherits from its page
            style_for.set_computed_styles(element, pseudo_type=pseudo_type,
                                          root=html.etree_element, parent=element,
                                          base_url=html.base_url)


def _index(keys: dict[Any, list[Any]], added: Iterable[Any]) -> None:
    for key in added:
        keys.setdefault(key[0], []).append(key)


def make_page(context: Any, *args: Any) -> Any:
    """WeasyPrint's `make_page`, noting on the context a page that has fixed boxes."""
    made = _make_page(context, *args)
    if made[0].fixed_boxes:
        context.__dict__[_FIXED] = True
    return made


def layout_fixed_boxes(context: Any, pages: list[Any], containing_page: Any) -> Iterator[Any]:
    """WeasyPrint's `layout_fixed_boxes`, which yields nothing where no page has any."""
    if context.__dict__.get(_FIXED):
        yield from _layout_fixed_boxes(context, pages, containing_page)


# (module, name, WeasyPrint's function, its replacement)
REPLACED = (
    (weasyprint.layout.page, "set_page_type_computed_styles", ORIGINAL_PAGE_STYLES,
     set_page_type_computed_styles),
    (weasyprint.layout.page, "make_page", _make_page, make_page),
    (weasyprint.layout, "layout_fixed_boxes", _layout_fixed_boxes, layout_fixed_boxes),
)


def install() -> bool:
    """Replace WeasyPrint's functions on its own version (once per process); whether it did."""
    if weasyprint.__version__ != VERSION:
        return False
    for module, name, _, replacement in REPLACED:
        setattr(module, name, replacement)
    return True
