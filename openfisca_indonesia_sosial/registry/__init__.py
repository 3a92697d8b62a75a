"""Registry integrity: the findings of a cleansing audit and what cleansing them is worth.

``bansos registry audit DIR --year Y [--month M]`` runs :func:`.audit.run_audit`; the
findings and their rules are in :mod:`.findings` and docs/data/registry-audit.md.
"""
