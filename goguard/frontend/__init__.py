"""Front end: reading and parsing Go files, finding packages, names and types."""
