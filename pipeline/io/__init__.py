"""Reading articles and references, writing results: the pipeline's edges."""
