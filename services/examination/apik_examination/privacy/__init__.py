"""A data subject's access request, as examination answers it (agency contacts)."""
