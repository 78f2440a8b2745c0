"""The optional local check-in server, on the qasync loop; it listens only while a round is open."""
