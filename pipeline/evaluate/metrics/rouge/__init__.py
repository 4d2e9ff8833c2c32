"""The rouge metric module (rouge/rouge.py), loadable with evaluate.load(<this folder>)."""
