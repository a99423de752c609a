"""`aktstykke import`: a finished aktstykke's text back into a spec draft.

The reverse of the pipeline, stage by stage: a file header above the document is left out
(filhoved.py), a published text laid out as ours (udgivet.py), the text is read into its
layout (layout.py: head, sections a–f, blocks, closing block), its tables into accounts
(konti.py), the draft's data and blocks are assembled (udkast.py), prose amounts become
references where the data backs them, and the draft is proved by rendering it again
(proeve.py): a block that does not come back as it was is kept verbatim. What it cannot place
is marked UDFYLD with why.
"""
