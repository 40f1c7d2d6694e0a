"""Quote attribution: quote marks, cue lexicon, speakers and channels."""
