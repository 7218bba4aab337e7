"""Settings for the site: ``base`` (safe defaults), ``dev``, ``test`` and ``production``."""
