package io.gitlore.trainer.training;

/** What the loss is computed on: every next token of packed sequences, or only the target tokens of the windows. */
public enum Objective { PACKED, WINDOWS }
