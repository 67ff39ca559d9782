"""The read model: what every page, API route and CLI read asks of the store (one library call each).

Used by ``api`` (JSON routes) and ``web`` (pages and their JSON twins) alike, so neither imports the other's
internals: ``views`` (documents, records, people, stories, search, ask, stats), ``browse`` (index pages and the
paged timeline over the browse index), ``network`` (the actor network with its server-side layout),
``highlight`` / ``highlight_terms`` (evidence and search-term spans in a text).
"""
