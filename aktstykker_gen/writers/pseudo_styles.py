"""WeasyPrint 70's styles of pseudo-elements, shared where they cannot differ.

WeasyPrint's user-agent stylesheet gives every element six pseudo-elements (`::marker`,
`::footnote-call`, `::footnote-marker`, `::note-call`, `::note-marker`, `::note-callback`), and
computes a style for each of them, one by one. It shares the styles of elements that have the
same parent style and the same matching rules, but not those of their pseudo-elements: 1.000
accounts have 193 element styles and 78.552 pseudo-element styles, which held a sixth of the
PDF's memory and grew with the table. A pseudo-element's style is made from nothing but its
element's style and its own cascaded declarations (`ComputedStyle`'s arguments), so two
pseudo-elements whose elements share a style and whose declarations are the same objects get
the same style object, as elements do. Page-margin boxes (`@top-left`, …) are left as they are.

Installed only on the WeasyPrint it was written for (requirements.lock); another version keeps
its own method.
"""

from __future__ import annotations

from typing import Any

from aktstykker_gen.writers.libraries import one_library_lookup

with one_library_lookup():
    import weasyprint
    import weasyprint.css

VERSION = "70.0"   # the WeasyPrint whose method this wraps
_SHARED = "_aktstykke_pseudo_styles"   # on the StyleFor: key → the pseudo-element's style
ORIGINAL = weasyprint.css.StyleFor.set_computed_styles


def set_computed_styles(self: Any, element: Any, parent: Any, root: Any = None,
                        pseudo_type: str | None = None, base_url: Any = None,
                        target_collector: Any = None) -> None:
    """WeasyPrint's method; for an element's pseudo-element, an equal style made before is
    reused (its anchor, if any, was collected when it was made, and is the same)."""
    if pseudo_type is None or pseudo_type.startswith("@") or parent is not element:
        ORIGINAL(self, element, parent, root=root, pseudo_type=pseudo_type, base_url=base_url,
                 target_collector=target_collector)
        return
    computed = self._computed_styles
    cascaded = self._cascaded_styles.get((element, pseudo_type), {})
    # The element's style and the declarations' values are alive as long as this StyleFor,
    # so their ids name them; a weight is a tuple of numbers.
    key = (id(computed[element, None]), pseudo_type,
           tuple((name, id(values), weight) for name, (values, weight) in cascaded.items()))
    shared = self.__dict__.setdefault(_SHARED, {})
    style = shared.get(key)
    if style is None:
        ORIGINAL(self, element, parent, root=root, pseudo_type=pseudo_type, base_url=base_url,
                 target_collector=target_collector)
        shared[key] = computed[element, pseudo_type]
    else:
        computed[element, pseudo_type] = style


def install() -> bool:
    """Wrap WeasyPrint's method on its own version (once per process); whether it did."""
    if weasyprint.__version__ != VERSION:
        return False
    weasyprint.css.StyleFor.set_computed_styles = set_computed_styles
    return True
