"""Repairs of the raw text: rules over its lines, then over its paragraphs.

Each rule is a module here with a RULE (build_tools/rules.py runs them, in the
order its chain lists); each records what it changed, as apparatus entries or
removals.
"""
