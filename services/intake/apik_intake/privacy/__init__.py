"""A data subject's access request (UU 27/2022): what intake holds on one person."""
