"""The public form saved and resumed later (issue 21): a sealed draft, a code and a PIN."""
