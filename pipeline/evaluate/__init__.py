"""Stage 7, evaluate: score each article against its hand-written reference."""
