"""The preview's state: the spec's newest version, checked and rendered once per change.

The watcher's thread makes each version (check, document tree, HTML, the page's fragment)
and publishes it; requests only read the newest one. The PDF and DOCX are written from a
version's tree when first asked for, and kept for that version: never per save.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from aktstykker_gen.bounded import Refused, read_bytes
from aktstykker_gen.build import write_format
from aktstykker_gen.diagnostics import Diagnostic, SpecError
from aktstykker_gen.document import Document
from aktstykker_gen.kinds import Kind
from aktstykker_gen.load import MAX_BYTES
from aktstykker_gen.pipeline import check, render
from aktstykker_gen.preview import page
from aktstykker_gen.reading import shown_with
from aktstykker_gen.udgaver import IngenOffentligUdgave, Udgave
from aktstykker_gen.writers.html import body_classes, write_body


@dataclass(frozen=True)
class Version:
    number: int                # counts the changes seen, from 1
    title: str                 # the document's title, or the spec's name when there is none
    kind: Kind | None          # None when the spec could not be typed
    tree: Document | None      # None when there is no document to show
    downloadable: bool         # a tree, and a check without errors (as `build` requires)
    fragment: str              # the page's changing part, HTML


def make_version(number: int, path: Path, edition: Udgave = Udgave.offentlig) -> Version:
    """Check and render the spec's `edition` as it is now. Never raises: a spec that does not
    load shows its diagnostics, one confidential as a whole has no public edition (AKT015,
    shown as a diagnostic), and a failure to render (a bug) shows as an error box."""
    from aktstykker_gen.batch import no_public_edition

    source = _source_lines(path)
    diagnostics: list[Diagnostic] = []
    kind, tree, document, problem = None, None, None, None
    try:
        checked = check(path)
        kind = checked.kind
        diagnostics = shown_with(edition, checked.spec.model, checked.diagnostics)
        tree = render(checked, edition=edition)
        document = page.sheet(body_classes(tree), write_body(tree))
    except SpecError as error:
        diagnostics = error.diagnostics
    except IngenOffentligUdgave:
        diagnostics = [*diagnostics, no_public_edition(path)]
    except Exception as error:  # a bug, or errors the view cannot render around: shown, not fatal
        tree = None
        problem = page.Problem(internal=not any(d.is_error for d in diagnostics),
                               text=f"{type(error).__name__}: {error}")
    downloadable = tree is not None and not any(d.is_error for d in diagnostics)
    title = tree.title if tree is not None and tree.title else str(path)
    fragment = page.fragment(number, str(path), title, diagnostics, source, document, problem,
                             downloadable, edition.value)
    return Version(number, title, kind, tree, downloadable, fragment)


def _source_lines(path: Path) -> list[str]:
    """The spec's lines, for the excerpts under each diagnostic (as the CLI shows them)."""
    try:
        return read_bytes(path, MAX_BYTES).decode("utf-8", "replace").split("\n")
    except Refused:
        return []


class Preview:
    """The newest version of one spec; `refresh` (the watcher's thread) makes the next one,
    `wait_newer` lets an event stream sleep until it exists."""

    def __init__(self, path: Path, edition: Udgave = Udgave.offentlig) -> None:
        self.path, self.edition = path, edition
        self._current = make_version(1, path, edition)
        self._changed = threading.Condition()
        self._closed = False
        self._files: dict[tuple[int, str], bytes] = {}
        self._writing = threading.Lock()

    @property
    def current(self) -> Version:
        return self._current

    def refresh(self) -> None:
        version = make_version(self._current.number + 1, self.path, self.edition)
        with self._changed:
            self._current = version
            self._changed.notify_all()

    def wait_newer(self, number: int, timeout: float) -> Version | None:
        """The newest version once it is newer than `number`, or after `timeout` whatever it
        is; None when the preview is closed."""
        with self._changed:
            self._changed.wait_for(lambda: self._closed or self._current.number > number,
                                   timeout)
            return None if self._closed else self._current

    def close(self) -> None:
        with self._changed:
            self._closed = True
            self._changed.notify_all()

    def download(self, suffix: str) -> bytes | None:
        """The newest version as PDF or DOCX, written by the build's writers the first time it
        is asked for; None when the version has errors (a build would write nothing)."""
        version = self._current
        if not version.downloadable or version.tree is None or version.kind is None:
            return None
        key = (version.number, suffix)
        with self._writing:
            if key not in self._files:
                data = write_format(version.tree, version.kind, suffix)
                self._files = {key: data, **{k: v for k, v in self._files.items()
                                             if k[0] == version.number}}
            return self._files[key]
