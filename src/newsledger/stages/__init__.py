"""One module per pipeline stage; see newsledger.pipeline.DEFAULT_STAGES for the order."""
