package dev.skiff.core.execution;

/** A status change the lifecycle does not allow, such as {@code completed → running}. */
public final class IllegalTransitionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ExecutionStatus from;
  private final ExecutionStatus to;

  public IllegalTransitionException(ExecutionStatus from, ExecutionStatus to) {
    super(
        "an execution that is "
            + from.wireName()
            + " cannot become "
            + to.wireName()
            + (from.isTerminal() ? " (it has already ended)" : ""));
    this.from = from;
    this.to = to;
  }

  public ExecutionStatus from() {
    return from;
  }

  public ExecutionStatus to() {
    return to;
  }
}
