"""Case use cases, one module per concept; callers import the concept's module.

Each function checks the rule it applies, writes, audits and stores the rule it used: ``drug_tests``,
``management`` (of illegal drug users), ``assessment`` (addiction determination), ``voluntary``
(registration for voluntary rehab), ``episodes`` (events of a rehab episode), ``aftercare``
(post-rehab management), ``substitution`` (treatment), ``dossier`` (compulsory rehab),
``monitoring`` (electronic), ``criminal`` (hand-over to the investigation body); ``common`` holds
what they share.
"""
