"""The commit-ordered change sequence delta sync pages by."""
