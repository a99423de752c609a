"""How much each reader reads before it refuses a file (AKT009, exit 2); docs/limits.md says why.

Every limit is far above what a real aktstykke needs (a spec of some 10 KB, a DOCX of a few
hundred KB, a PDF of 2–20 pages) and far below what costs a reviewer time or memory: each
refusal comes within 2 s and 500 MB. The spec's own limits (size, nesting, text length) are
in `load`.
"""

from __future__ import annotations

MB = 1 << 20

# A built .txt, read by textconv and diff: the seed's is 10 KB.
TEXT_BYTES = 2 * MB
TEXT_HINT = "en bygget tekstfil fylder få KB; er det den rigtige fil?"

# A Finanslovsdatabasen export (--kontoplan): the whole finance act of 2025 is 1.2 MB.
KONTOPLAN_BYTES = 8 * MB
KONTOPLAN_FIELD = 10_000          # characters in one field; a line is a name and some amounts
KONTOPLAN_HINT = "en eksport fra Finanslovsdatabasen fylder nogle MB; er det den rigtige fil?"

# The build manifest in an output folder: some 500 bytes per spec.
MANIFEST_BYTES = 20 * MB
# A file a build wrote, hashed to see whether it is still the one the manifest names.
OUTPUT_BYTES = 50 * MB

# A DOCX, read by textconv and diff: the seed's is 8 KB, a Word file with a logo some 100 KB.
DOCX_BYTES = 20 * MB
DOCX_ENTRIES = 1_000              # parts in the zip; Word writes 10–40
DOCX_TOTAL_BYTES = 50 * MB        # all parts unpacked, images too, as the zip declares them
DOCX_BODY_BYTES = 5 * MB          # the text part unpacked; the seed's document.xml is 24 KB
DOCX_RATIO = 500                  # unpacked / packed, for a part over RATIO_FROM: Word's XML
                                  # packs 5–20×, a table of identical rows some 250×, one byte
                                  # repeated (a bomb) 1.000×
DOCX_RATIO_FROM = 1 * MB
DOCX_CELLS = 20_000               # table cells in the body; the seed has 120
DOCX_SPAN = 63                    # columns one cell spans: Word's own maximum table width
DOCX_HINT = "en DOCX af et aktstykke fylder under 1 MB; er det den rigtige fil?"

# A PDF, read by textconv and diff: an aktstykke has 2–20 pages, the seed's PDF is 18 KB.
PDF_BYTES = 20 * MB
PDF_PAGES = 200
PDF_STREAM_BYTES = 10 * MB        # one stream unpacked (pypdf's own limit is 75 MB)
PDF_CONTENT_BYTES = 2 * MB        # every page's drawing instructions together, unpacked
PDF_HINT = "en PDF af et aktstykke har 2–20 sider og fylder under 1 MB; er det den rigtige fil?"

# The name `redline` writes on each tracked change (--author or sagsbehandler).
AUTHOR_CHARS = 200
