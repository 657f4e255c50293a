"""The kernel: what every app of Glashelder shares, and nothing else.

It imports nothing of the project (the layering contract in `.importlinter` checks
that), so every app may import it: money, the shared choices and fields, the domain
error family, the transition skeleton that every state change uses, the audit log
helper, templated mail, uploads and the HTML sanitiser.
"""
