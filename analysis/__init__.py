"""Snapshots, diffs, impact levels, the privacy score and its explanations (Gemini or offline).

Imports only ``core``; the jobs layer builds ``SettingSpec`` values from the selector pack.
"""
