"""What the text's parts are: headings, divisions, notes, quotations, tables,
pages and anchors, and the links between them.

Each rule is a module here with a RULE (build_tools/rules.py runs them, in the
order its chain lists).
"""
