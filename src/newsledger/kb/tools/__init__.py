"""One-off build scripts for the shipped knowledge-base data (not used at run time)."""
