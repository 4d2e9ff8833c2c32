"""The embedding_similarity metric module (embedding_similarity/embedding_similarity.py), loadable with evaluate.load(<this folder>)."""
