"""aktstykker-gen: Danish aktstykker as code.

The pipeline runs one way: load (YAML + source map) → model (typed) →
checks (diagnostics) → document tree (Jinja templates) → writers.
"""

from aktstykker_gen.opstart import uden_pydantic_plugins

__version__ = "0.1.0"

uden_pydantic_plugins()
