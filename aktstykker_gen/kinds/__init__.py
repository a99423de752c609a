"""Document kinds. Each kind brings its model, its rules and its templates."""
