"""`kim browse`: the Textual application over kim's dataset (imported only by that command)."""
