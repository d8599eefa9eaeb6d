"""agreement: consolidate legal agreements with their amendments.

The library is the product; the command line (`agreement.app`) is a thin layer.

    >>> from agreement import conform, select_unit
    >>> history = conform("agreements/symphony-exchange.yaml")
    >>> select_unit(history, "13.4").unit.heading
    'AMENDMENTS AND WAIVERS'
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .engine import History

__version__ = "0.1.0"

# Names are imported on first use (PEP 562), so that a command pays at start-up
# only for the modules it runs.
_EXPORTS = {
    "Agreement": "model",
    "Amendment": "model",
    "Unit": "model",
    "AgreementError": "errors",
    "ExitCode": "errors",
    "History": "engine",
    "apply": "engine",
    "find_agreement": "load",
    "find_amendments": "load",
    "load_agreement": "load",
    "load_amendment": "load",
    "ConformedCopy": "select",
    "UnitView": "select",
    "conformed": "select",
    "select_unit": "select",
}


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
    raise AttributeError(f"module 'agreement' has no attribute {name!r}")


def conform(agreement: str, amendments: Sequence[str] | None = None, *, keep_going: bool = False) -> History:
    """Load an agreement (path, id or "-") and its amendments, and apply them all.

    With `amendments` None, the files under amendments/<id>/ beside the agreements
    folder are used.
    """
    from .pipeline import run

    return run(agreement, amendments, keep_going=keep_going).history


__all__ = ["conform", "__version__", *_EXPORTS]
