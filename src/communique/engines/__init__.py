"""Engines that run the pipeline over a large input: the local process pool (``communique.workers``) is
the default; ``ray_data`` runs it on a Ray cluster (the ``ray`` extra)."""
