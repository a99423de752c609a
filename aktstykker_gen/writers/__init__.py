"""Writers: each turns the document tree into one format and knows nothing else."""
