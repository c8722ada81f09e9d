"""Build an annotated reading edition of one essay from its source text and YAML annotations.

Stages, each a module: parse (source text -> Essay), load (annotations/*.yml -> entries, notes,
emendations), match (Essay + annotations -> placements and problems), render (placements ->
Markdown pages), build (write the pages, then run the renderer).
"""
