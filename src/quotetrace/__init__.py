"""quotetrace: who said what, according to whom, when — from raw news articles."""
