"""The app's screens, one module each; the lesson screen is imported only when a lesson opens."""
