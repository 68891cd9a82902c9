"""Development set: newspaper pages typeset from real text, printed and read back by real tools.

``page`` draws a page from a seed, ``layout`` writes its HTML, ``extract``
prints it with Chromium and reads the PDF with four readers; ``sources`` holds
the text.  ``tools/make_devset.py`` runs it all, ``tools/score_devset.py``
scores the cleaner on what it made.
"""
