"""Toponyms: the gazetteer, finding place mentions, resolving them to GeoNames, and metonymy."""
