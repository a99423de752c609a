"""The aktstykke's rules, one module per group, in the order `aktstykke rules` lists them.

Codes tell the group: AKT1xx struktur, AKT2xx summer, AKT3xx konti,
AKT4xx tekstanmærkninger, AKT5xx datoer, AKT6xx prosa.
"""

from aktstykker_gen import tilladelsesregler
from aktstykker_gen.kinds.aktstykke.rules import (
                        datoer,
                        dispositioner,
                        fortrolighed,
                        konti,
                        navngivne,
                        prosa,
                        struktur,
                        summer,
                        synlighed,
                        tabeller,
                        tekstanmaerkninger,
                        uden_midler,
)
from aktstykker_gen.rules import RuleSet

rules = RuleSet.combine(struktur.rules, summer.rules, tabeller.rules, synlighed.rules,
                        konti.rules, tekstanmaerkninger.rules, datoer.rules, prosa.rules,
                        navngivne.rules, uden_midler.rules, dispositioner.rules, fortrolighed.rules,
                        tilladelsesregler.rules)
