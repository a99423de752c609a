"""`aktstykke watch`: a live preview of one spec in the browser.

The page is the document rendered to HTML from the same tree and with the same stylesheet
as the PDF, under the check's diagnostics; it follows each save of the spec without a
reload. `watcher` notices a save, `session` renders the new version once, `page` turns it
into HTML, `server` serves it (127.0.0.1 only, fixed routes) and tells the page.
"""
