"""Settings per environment: base (shared), dev, test, production."""
