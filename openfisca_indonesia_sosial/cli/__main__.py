"""``python -m openfisca_indonesia_sosial.cli``: the ``bansos`` command."""

from openfisca_indonesia_sosial.cli import main

main()
