"""Evaluations: rubric evaluations of the intern by supervisors, of the unit and the
programme by the intern, and the intern's final report."""
