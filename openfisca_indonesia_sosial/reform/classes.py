"""One importable openfisca Reform class per reform shipped in reforms/.

OpenFisca's YAML test runner applies reforms by dotted path (``reforms:`` key of a test, which
calls ``tax_benefit_system.apply_reform(path)``), so every shipped reform is exposed here under
its name::

    - name: Sembako Rp300.000 in 2024
      period: 2024-01
      reforms:
        - openfisca_indonesia_sosial.reform.classes.sembako_300rb
      input: ...

A parametric reform's class reads and checks its file when it is applied (against the system
it is applied to), so a broken file fails the test with the loader's message. A structural
reform's class is the module's own ``reform`` class. The classes are built when this module
is imported, from the files present in reforms/ at that time.
"""

from __future__ import annotations

from openfisca_indonesia_sosial.reform.files import (
    load_structural_module,
    parametric_reform_class,
    shipped_reform_paths,
)


def _shipped_classes() -> dict[str, type]:
    classes = {}
    for path in shipped_reform_paths():
        if path.suffix == ".py":
            classes[path.stem] = load_structural_module(path).reform
        else:
            classes[path.stem] = parametric_reform_class(path)
    return classes


REFORM_CLASSES: dict[str, type] = _shipped_classes()
globals().update(REFORM_CLASSES)
__all__ = ["REFORM_CLASSES", *sorted(REFORM_CLASSES)]
