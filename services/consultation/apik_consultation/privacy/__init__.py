"""A data subject's access request (UU 27/2022): what the desk holds on one visitor."""
