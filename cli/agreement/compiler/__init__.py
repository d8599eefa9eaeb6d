"""Amendment documents into operations: the instruction grammar (grammar.py), quotations
(quotes.py), and the reading and checking of each provision (compile.py)."""
