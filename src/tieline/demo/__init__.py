"""The bundled demo article (our own text)."""
