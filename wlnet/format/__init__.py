"""Expressions to text: OutputForm (terminal, 2-D) and InputForm (one line)."""

from .inputform import input_form
from .outputform import output_block, output_form, render_template, with_label

__all__ = ["input_form", "output_form", "output_block", "with_label", "render_template"]
