"""The rule registry: named checks that turn a typed spec into diagnostics.

Every rule has one signature (a `Subject` in, findings out), a stable code,
a one-line title, a severity and a group, so rules can be listed, selected
and documented from one table. A rule says what it found and where; the
registry stamps its code and severity on it. The rule's docstring is its
documentation in `docs/rules.md` and `aktstykke rules`.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from pydantic import BaseModel

from aktstykker_gen.diagnostics import Diagnostic, Severity, Span
from aktstykker_gen.validation import Validated

if TYPE_CHECKING:
    from aktstykker_gen.kontoplan import Kontoplan

M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")


@dataclass(frozen=True)
class Subject(Generic[M]):
    """What a rule looks at: the typed spec, where each part stands, and optional reference data."""

    validated: Validated[M]
    kontoplan: Kontoplan | None = None
    _found: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def once(self, name: str, compute: Callable[[Subject[M]], T]) -> T:
        """What `compute` finds in this spec, found once however many rules ask: several rules
        read every text of a spec with 10,000 accounts."""
        if name not in self._found:
            self._found[name] = compute(self)
        return self._found[name]

    @property
    def model(self) -> M:
        return self.validated.model

    def span(self, obj: BaseModel, *parts: str | int) -> Span | None:
        return self.validated.span(obj, *parts)


@dataclass(frozen=True)
class Finding:
    message: str
    span: Span | None
    details: tuple[str, ...] = ()
    hint: str | None = None
    related: tuple[Span | None, ...] = field(default=())


Check = Callable[[Subject[Any]], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    code: str
    title: str
    severity: Severity
    group: str
    check: Check

    @property
    def description(self) -> str:
        return inspect.cleandoc(self.check.__doc__ or "")

    def run(self, subject: Subject[Any]) -> Iterable[Diagnostic]:
        for f in self.check(subject):
            related = tuple(s for s in f.related if s is not None)
            yield Diagnostic(self.code, self.severity, f.message, f.span, f.details, f.hint, related)


class RuleSet:
    """A group of rules, registered by decorator in the order they are documented."""

    def __init__(self, rules: Iterable[Rule] = ()) -> None:
        self.rules: list[Rule] = list(rules)

    @classmethod
    def combine(cls, *sets: RuleSet) -> RuleSet:
        return cls(rule for rule_set in sets for rule in rule_set.rules)

    def rule(self, code: str, title: str, severity: Severity, group: str) -> Callable[[Check], Check]:
        def register(check: Check) -> Check:
            self.rules.append(Rule(code, title, severity, group, check))
            return check
        return register

    def run(self, subject: Subject[Any], selected: Collection[str] | None = None) -> list[Diagnostic]:
        """Run every rule, or only those whose code is in `selected`."""
        return [d for rule in self.rules if selected is None or rule.code in selected
                for d in rule.run(subject)]
