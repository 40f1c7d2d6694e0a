"""The built-in pipeline stages, one module each, registered as ``communique.stages`` entry points."""
