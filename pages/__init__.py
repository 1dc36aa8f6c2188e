"""The app's pages (one script per page, run by ``st.navigation`` in ``app.py``) and what they share."""
