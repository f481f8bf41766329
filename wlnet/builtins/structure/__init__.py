"""Expression structure: parts (Part and part assignment), shape (Length, Dimensions,
Depth, Head, ...) and the level specifications that Map, Cases and Position share."""
