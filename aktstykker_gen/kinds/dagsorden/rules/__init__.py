"""The agenda's rules, AKT7xx, in the order `aktstykke rules` lists them: the items and their
numbers, the standard forms, what the text names, the links, and the minutes."""

from aktstykker_gen import tilladelsesregler
from aktstykker_gen.kinds.dagsorden.rules import punkter, referat, tabeller
from aktstykker_gen.rules import RuleSet

# The markers' rules (AKT630-634) are every kind's.
rules = RuleSet.combine(punkter.rules, referat.rules, tabeller.rules,
                        tilladelsesregler.rules)
