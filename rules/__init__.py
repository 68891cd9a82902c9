"""Rule files and profiles shipped with cleanup (data, not code)."""
