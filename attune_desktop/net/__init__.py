"""The optional local check-in server (asyncio on the qasync loop); loopback or a chosen interface only."""
