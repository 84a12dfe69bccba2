"""Who may call which operation: the role × operation matrix and the guard that enforces it."""
