"""Data handed to the browser as a script (``name(arg, …);``): the one writer of every such file.

Source text inside is JSON, with ``<``, ``>`` and ``&`` written as ``\\u003c``… (so that no
``</script>`` or ``<!--`` can end or change a script element, should a piece ever be inlined)
and U+2028/U+2029 escaped (line terminators to JavaScript engines before ES2019). The result
is the same data to any JSON or JavaScript parser.
"""

from __future__ import annotations

import json

_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_TABLE = str.maketrans(_ESCAPES)


def script_json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_TABLE)


def script_call(function: str, *args: object) -> bytes:
    """``function(args…);`` as UTF-8, one line."""
    return f"{function}({','.join(script_json(arg) for arg in args)});\n".encode("utf-8")
