"""The faithfulness metric module (faithfulness/faithfulness.py), loadable with evaluate.load(<this folder>)."""
