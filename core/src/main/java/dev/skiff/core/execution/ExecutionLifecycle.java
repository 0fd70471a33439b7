package dev.skiff.core.execution;

import static dev.skiff.core.execution.ExecutionStatus.COMPLETED;
import static dev.skiff.core.execution.ExecutionStatus.CREATED;
import static dev.skiff.core.execution.ExecutionStatus.ERROR;
import static dev.skiff.core.execution.ExecutionStatus.FAILED;
import static dev.skiff.core.execution.ExecutionStatus.QUEUED;
import static dev.skiff.core.execution.ExecutionStatus.RUNNING;
import static dev.skiff.core.execution.ExecutionStatus.STARTING;
import static dev.skiff.core.execution.ExecutionStatus.STOPPED;
import static dev.skiff.core.execution.ExecutionStatus.STOPPING;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The execution state machine, as a pure function. Stores apply a transition with a conditional
 * write on the status they read, so two writers can never both win; this class only says which
 * moves exist.
 *
 * <pre>
 * created → queued → starting → running → completed | failed | stopped | error
 * </pre>
 *
 * <p>A stop before anything runs ({@code created}, {@code queued}) ends the execution at once as
 * {@code stopped}; a stop of a {@code starting} or {@code running} execution goes through {@code
 * stopping}, because the worker still has to end the process and upload outputs. A process may
 * finish on its own while the stop is on its way, so {@code stopping} may still end {@code
 * completed} or {@code failed}. {@code error} is reachable from every live state: the platform can
 * fail anywhere.
 */
public final class ExecutionLifecycle {

  private static final Map<ExecutionStatus, Set<ExecutionStatus>> NEXT =
      new EnumMap<>(ExecutionStatus.class);

  static {
    NEXT.put(CREATED, EnumSet.of(QUEUED, STOPPED, ERROR));
    NEXT.put(QUEUED, EnumSet.of(STARTING, STOPPED, ERROR));
    // A starting execution can fail before its code runs: an input that 404s is the user's
    // problem (failed), a store that is down is ours (error).
    NEXT.put(STARTING, EnumSet.of(RUNNING, STOPPING, FAILED, ERROR));
    NEXT.put(RUNNING, EnumSet.of(COMPLETED, FAILED, STOPPING, ERROR));
    NEXT.put(STOPPING, EnumSet.of(STOPPED, COMPLETED, FAILED, ERROR));
    for (ExecutionStatus terminal : ExecutionStatus.values()) {
      if (terminal.isTerminal()) {
        NEXT.put(terminal, EnumSet.noneOf(ExecutionStatus.class));
      }
    }
  }

  private ExecutionLifecycle() {}

  /** True when an execution in {@code from} may move to {@code to}. */
  public static boolean canTransition(ExecutionStatus from, ExecutionStatus to) {
    return NEXT.get(from).contains(to);
  }

  /** The statuses {@code from} may move to; empty for terminal ones. */
  public static Set<ExecutionStatus> next(ExecutionStatus from) {
    return Collections.unmodifiableSet(NEXT.get(from));
  }

  /**
   * Checks the move from {@code from} to {@code to} and returns {@code to}.
   *
   * @throws IllegalTransitionException when the move is not allowed, naming both states
   */
  public static ExecutionStatus transition(ExecutionStatus from, ExecutionStatus to) {
    if (!canTransition(from, to)) {
      throw new IllegalTransitionException(from, to);
    }
    return to;
  }

  /**
   * What a stop request moves {@code from} to: {@code stopped} when nothing runs yet, {@code
   * stopping} when a worker has to wind the process down.
   *
   * @throws IllegalTransitionException for executions that are already over or stopping
   */
  public static ExecutionStatus stop(ExecutionStatus from) {
    return switch (from) {
      case CREATED, QUEUED -> STOPPED;
      case STARTING, RUNNING -> STOPPING;
      default -> throw new IllegalTransitionException(from, STOPPED);
    };
  }
}
