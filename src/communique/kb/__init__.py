"""The cross-document knowledge base: per-document annotations in, entities, stories, events, quotes and claims out.

The flow of the project: per-document stages (``clean``, ``ingest.metadata``, ``nlp``, ``events`` extraction) ->
this package -> use (``search``, ``api``, ``web``, ``export``). Modules:

- :mod:`.resolve` (+ :mod:`.gazetteer`): mentions resolved to entities across documents;
- :mod:`.stories` (+ :mod:`.dates`): documents reporting the same event clustered into stories;
- :mod:`.events`: the per-document events of a story merged into knowledge-base events;
- :mod:`.build`: the whole derivation, saved in the store (`communique rebuild`);
- :mod:`.update`: the incremental update after an ingest (new, re-processed and removed documents);
- :mod:`.agreement`: where the sources of one story agree or differ;
- :mod:`.match`: actor and topic matching (timeline and browse filters);
- :mod:`.queries`: read-side queries (timeline, compare) over the built records.
"""

from .build import RECORD_TYPES, KBStatus, build, ensure_built, kb_status
from .queries import compare, timeline

__all__ = ["RECORD_TYPES", "KBStatus", "build", "compare", "ensure_built", "kb_status", "timeline"]
