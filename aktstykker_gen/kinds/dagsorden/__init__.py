"""The committee agenda (dagsorden) and its minutes (referat): the second document kind."""
