"""The analyses of a history: what the engine's record of every version and change can
answer. The conformed copy or one unit of it as of a version or a date (select), the
units each change rebuilt, followed by identity (lineage), who wrote each word (blame),
what changed between two versions and which instruction did it (redline), each
amendment's changes and a unit's lineage (timeline), and copies annotated at each
amended place (annotate). They read the engine's history and the model; writers render
what they find."""
