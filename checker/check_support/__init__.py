"""What several check kinds share and none of them is: finding the story's own blocks and
anchors (`reuse`), word-level edits between two texts (`edits`), and their diffs (`diffs`)."""
