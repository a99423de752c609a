"""The usual route's first half: fill a clerk's Word template with python-docx, as a mail-merge.

    python benchmarks/mailmerge.py TEMPLATE.docx VALUES.json OUT.docx

The template holds merge fields «name» in its runs (paragraphs and table cells); VALUES.json
maps each name to its text. Every run of every paragraph and every table cell is visited and
its fields replaced, then the document is saved. Run by seed_route.py in a fresh process per
timed run; it imports only json, re, sys and python-docx, so its start-up is what a clerk's
own merge script would pay.
"""

from __future__ import annotations

import json
import re
import sys

from docx import Document

FIELD = re.compile("«([^»]+)»")


def fill(paragraphs, values: dict[str, str]) -> None:
    for paragraph in paragraphs:
        for run in paragraph.runs:
            if "«" in run.text:
                run.text = FIELD.sub(lambda match: values[match.group(1)], run.text)


def main(template: str, values_file: str, out: str) -> None:
    with open(values_file, encoding="utf-8") as handle:
        values = json.load(handle)
    document = Document(template)
    fill(document.paragraphs, values)
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                fill(cell.paragraphs, values)
    document.save(out)


if __name__ == "__main__":
    main(*sys.argv[1:4])
