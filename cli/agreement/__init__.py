"""agreement: consolidate legal agreements with their amendments.

The library is the product; the command line (`agreement.app`) is a thin layer.

    >>> from agreement import conform, select_unit
    >>> history = conform("agreements/symphony-exchange.yaml")
    >>> select_unit(history, "13.4").unit.heading
    'AMENDMENTS AND WAIVERS'
"""

from __future__ import annotations

from collections.abc import Sequence

from .engine import History, apply
from .errors import AgreementError, ExitCode
from .load import find_agreement, find_amendments, load_agreement, load_amendment
from .model import Agreement, Amendment, Unit
from .select import ConformedCopy, UnitView, conformed, select_unit

__version__ = "0.1.0"


def conform(agreement: str, amendments: Sequence[str] | None = None, *, keep_going: bool = False) -> History:
    """Load an agreement (path, id or "-") and its amendments, and apply them all.

    With `amendments` None, the files under amendments/<id>/ beside the agreements
    folder are used.
    """
    path = find_agreement(agreement)
    base = load_agreement(path)
    files = find_amendments(path, base.id) if amendments is None else list(amendments)
    return apply(base, [load_amendment(f) for f in files], keep_going=keep_going)


__all__ = [
    "Agreement",
    "AgreementError",
    "Amendment",
    "ConformedCopy",
    "ExitCode",
    "History",
    "Unit",
    "UnitView",
    "apply",
    "conform",
    "conformed",
    "find_agreement",
    "find_amendments",
    "load_agreement",
    "load_amendment",
    "select_unit",
    "__version__",
]
