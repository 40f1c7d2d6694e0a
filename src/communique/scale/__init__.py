"""Corpus-scale runs: inputs as shards, results as plain rows, a partitioned Parquet data set, bulk load."""
