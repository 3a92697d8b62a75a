"""The exit codes of every ``bansos`` command: one table, so scripts can rely on them.

| code | meaning |
|---|---|
| 0 | done: every record computed (or the check found nothing to report) |
| 1 | done, but records were rejected (``validate``, ``simulate --strict``) or a check failed |
| 2 | not done: a client mistake (an argument, a file, a year, a reform), named in one line |
"""

from __future__ import annotations

#: Done: every record computed, or nothing to report.
EXIT_OK = 0
#: Done, with rejected records or a failed check (the report says which).
EXIT_REJECTED = 1
#: Not done: a mistake in the arguments or the input, named in one line on stderr.
EXIT_BAD_INPUT = 2
