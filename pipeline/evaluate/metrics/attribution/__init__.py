"""The attribution metric module (attribution/attribution.py), loadable with evaluate.load(<this folder>)."""
