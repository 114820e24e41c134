"""Follow-up of the person (issue 14): the activity plan the person owns, its history and
agreement, and which activity fulfils which condition (sotjl. § 20 / § 20 a)."""
