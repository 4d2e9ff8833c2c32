"""govstance: who said what for each government in news articles, summarized, with stance."""

__version__ = "0.1.0"
