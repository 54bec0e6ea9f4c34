"""spaCy components of the iomextract pipeline, one factory a file."""
