"""The rule registry: named checks that turn a model into diagnostics.

Every rule has one signature (the validated spec in, findings out), a
stable code, a one-line title, a severity and a group, so rules can be
listed, selected and documented from this one table. A rule says what it
found and where; the registry stamps its code and severity on it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from aktstykker_gen.diagnostics import Diagnostic, Severity, Span
from aktstykker_gen.validation import Validated


@dataclass(frozen=True)
class Finding:
    message: str
    span: Span | None
    details: tuple[str, ...] = ()
    hint: str | None = None
    related: tuple[Span | None, ...] = field(default=())


Check = Callable[[Validated[Any]], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    code: str
    title: str
    severity: Severity
    group: str
    check: Check

    def run(self, spec: Validated[Any]) -> Iterable[Diagnostic]:
        for f in self.check(spec):
            related = tuple(s for s in f.related if s is not None)
            yield Diagnostic(self.code, self.severity, f.message, f.span, f.details, f.hint, related)


class RuleSet:
    """A kind's rules, registered by decorator in the order they are documented."""

    def __init__(self) -> None:
        self.rules: list[Rule] = []

    def rule(self, code: str, title: str, severity: Severity, group: str) -> Callable[[Check], Check]:
        def register(check: Check) -> Check:
            self.rules.append(Rule(code, title, severity, group, check))
            return check
        return register

    def run(self, spec: Validated[Any]) -> list[Diagnostic]:
        return [d for rule in self.rules for d in rule.run(spec)]
