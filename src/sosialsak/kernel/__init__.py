"""The shared kernel: small value types and base errors used by every layer (no Django)."""
