"""The stance metric module (stance/stance.py), loadable with evaluate.load(<this folder>)."""
