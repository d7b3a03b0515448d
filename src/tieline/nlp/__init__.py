"""Stage 1: text to parsed sentences (spaCy)."""

from tieline.nlp.model import load_pipeline, pipeline_info

__all__ = ["load_pipeline", "pipeline_info"]
