"""Situations in OpenFisca's JSON format, checked before the engine reads them.

The neutral home of what the Web API, the explanations, the embedding functions
(``hitung``, ``jelaskan``) and ``bansos calculate`` share: the client-mistake exception
(:mod:`.errors`), the periods and years the package answers for (:mod:`.periods`,
:mod:`.years`), the checks of a situation's shape, ids and values (:mod:`.checks`) and the
calculation and trace of a checked situation (:mod:`.compute`). Nothing here knows HTTP.
"""
