"""Letters (agenda), archive lending and outreach programmes."""
