"""Messages between the person and the office: one secure thread per application (issue 16)."""
